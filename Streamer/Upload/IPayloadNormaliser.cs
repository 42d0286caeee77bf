using TrendingTv.DataLake.Posts;

namespace TrendingTv.Streamer.Upload;

/// <summary>Turns one source's raw payloads into canonical records at upload (one implementation per post source).</summary>
public interface IPayloadNormaliser
{
    /// <summary>The post source it reads (<c>PostSources.X</c>, <c>PostSources.Bluesky</c>).</summary>
    string Source { get; }

    /// <summary>One raw payload (UTF-8 JSON, no newline) to a post, a skipped non-post message or a quarantined line.</summary>
    NormalisedLine Normalise(ReadOnlySpan<byte> payload);
}
