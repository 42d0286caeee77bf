using System.Buffers;

namespace TrendingTv.Synthetic.Posts;

/// <summary>
/// Renders planned <see cref="SyntheticPost"/>s as one source's raw payload lines, exactly as that
/// source's API delivers them. The seam between what is posted (the generators) and how it travels:
/// <see cref="X.XPayloadEncoder"/> writes X v1.1 statuses and v2 envelopes; a Bluesky Jetstream
/// encoder (<c>Synthetic/Bluesky/</c>) writes commit events — a repost may need its subject's event
/// first, so an encoder may write several lines for one post.
/// </summary>
public interface IPostPayloadEncoder
{
    /// <summary>The post source the lines belong to (<c>PostSources</c>: <c>x</c>, <c>bluesky</c>).</summary>
    string Source { get; }

    /// <summary>Writes the line(s) for <paramref name="post"/> to <paramref name="output"/>, each ended by '\n'.</summary>
    /// <param name="post">The post.</param>
    /// <param name="random">For the format's own incidental choices (ids of its own, counts, user details), so the output is a function of the seed.</param>
    /// <param name="output">Where the lines go.</param>
    void Write(SyntheticPost post, Random random, IBufferWriter<byte> output);
}
