using System.Buffers;
using System.Text;
using TrendingTv.DataLake.Posts;
using TrendingTv.Synthetic.Posts;

namespace TrendingTv.Synthetic.Bluesky;

/// <summary>
/// Renders planned posts as Jetstream commit events, as the firehose delivers them: a post as an
/// <c>app.bsky.feed.post</c> create (text as written, <c>#tag</c> facets with UTF-8 byte offsets, <c>langs</c>),
/// a repost as the subject post's event followed by an <c>app.bsky.feed.repost</c> create naming it. <c>time_us</c>
/// is the post's creation time; accounts and record keys derive from the plan's ids, so the same plan gives the same
/// events. One line per event.
/// </summary>
public sealed class BlueskyPayloadEncoder : IPostPayloadEncoder
{
    public string Source => PostSources.Bluesky;

    public void Write(SyntheticPost post, Random random, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(output);
        if (post.Kind == SyntheticPostKind.Repost && post.Subject is { } subject)
        {
            var (subjectUri, subjectCid) = WritePost(subject, random, output);
            var record = new StringBuilder(256).Append("{\"$type\":\"app.bsky.feed.repost\",\"createdAt\":").AppendString(JetstreamJson.Iso(TimeUs(post)))
                .Append(",\"subject\":{\"cid\":").AppendString(subjectCid).Append(",\"uri\":").AppendString(subjectUri).Append("}}").ToString();
            WriteLine(output, JetstreamJson.Commit(Did(post), TimeUs(post), Rkey(post), "create", "app.bsky.feed.repost", Rkey(post), record, JetstreamJson.Cid(random)));
            return;
        }

        WritePost(post, random, output);
    }

    private static (string Uri, string Cid) WritePost(SyntheticPost post, Random random, IBufferWriter<byte> output)
    {
        var (text, facets) = TextAndFacets(post);
        var record = new StringBuilder(512).Append("{\"$type\":\"app.bsky.feed.post\",\"createdAt\":").AppendString(JetstreamJson.Iso(TimeUs(post)));
        if (facets.Length > 0)
        {
            record.Append(",\"facets\":[").Append(facets).Append(']');
        }

        if (post.Lang != "und")
        {
            record.Append(",\"langs\":[").AppendString(post.Lang).Append(']');
        }

        record.Append(",\"text\":").AppendString(text).Append('}');
        var cid = JetstreamJson.Cid(random);
        WriteLine(output, JetstreamJson.Commit(Did(post), TimeUs(post), Rkey(post), "create", "app.bsky.feed.post", Rkey(post), record.ToString(), cid));
        return ($"at://{Did(post)}/app.bsky.feed.post/{Rkey(post)}", cid);
    }

    /// <summary>The text, and a tag facet for each <c>#tag</c> of the plan found in it (Bluesky clients write facets for the tags they linkify).</summary>
    private static (string Text, StringBuilder Facets) TextAndFacets(SyntheticPost post)
    {
        var facets = new StringBuilder();
        var searchFrom = 0;
        foreach (var tag in post.Hashtags)
        {
            var at = post.Text.IndexOf("#" + tag, searchFrom, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var byteStart = Encoding.UTF8.GetByteCount(post.Text.AsSpan(0, at));
            JetstreamJson.AddFacet(facets, byteStart, byteStart + Encoding.UTF8.GetByteCount("#" + tag), "tag", "tag", tag);
            searchFrom = at + tag.Length + 1;
        }

        return (post.Text, facets);
    }

    private static long TimeUs(SyntheticPost post) => post.CreatedAt.ToUnixTimeMilliseconds() * 1000 + (post.Id & 511);

    private static string Rkey(SyntheticPost post) => JetstreamJson.Tid(TimeUs(post), (int)(post.Id >> 12));

    private static string Did(SyntheticPost post)
    {
        Span<char> name = stackalloc char[24];
        var value = (ulong)post.Author.Id * 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < name.Length; i++)
        {
            name[i] = JetstreamJson.Base32Alphabet[(int)(value % 32)];
            value = (value / 32) ^ ((ulong)i * 0xBF58476D1CE4E5B9UL);
        }

        return "did:plc:" + name.ToString();
    }

    private static void WriteLine(IBufferWriter<byte> output, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        output.Write(bytes);
    }
}
