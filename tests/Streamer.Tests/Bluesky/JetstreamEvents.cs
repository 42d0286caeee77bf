using System.Globalization;
using System.Text.Json;
using TrendingTv.DataLake.Posts.Bluesky;

namespace TrendingTv.Streamer.Tests.Bluesky;

/// <summary>Jetstream messages shaped as the real ones (see the fixtures), for capture tests: posts, reposts and deletes of given records.</summary>
internal static class JetstreamEvents
{
    public const string Did = "did:plc:g6ifxgrzi22eaemi4lc5pyr2";

    private const string CommitTemplate =
        """{"did":"DID","time_us":TIME,"kind":"commit","commit":{"rev":"3mbifys4uz42r","operation":"OPERATION","collection":"COLLECTION","rkey":"RKEY"RECORD}}""";

    public static string Post(string rkey, long timeUs, string text, params string[] tags) =>
        Commit(rkey, timeUs, "create", JetstreamEventReader.PostCollection,
            ""","record":{"$type":"app.bsky.feed.post","createdAt":"2026-01-03T02:57:45.138Z","langs":["en"],TAGS"text":TEXT},"cid":"bafyreic7t2o4m3wdeejy46oidl7annxcpqfj243ldamylkxxo3rly3xxgi" """.TrimEnd()
                .Replace("TAGS", tags.Length == 0 ? string.Empty : "\"tags\":" + JsonSerializer.Serialize(tags) + ",", StringComparison.Ordinal)
                .Replace("TEXT", JsonSerializer.Serialize(text), StringComparison.Ordinal));

    public static string Repost(string rkey, long timeUs, string subjectRkey) =>
        Commit(rkey, timeUs, "create", JetstreamEventReader.RepostCollection,
            ""","record":{"$type":"app.bsky.feed.repost","createdAt":"2026-01-03T02:58:00.000Z","subject":{"cid":"bafyreic7t2o4m3wdeejy46oidl7annxcpqfj243ldamylkxxo3rly3xxgi","uri":"SUBJECT"}},"cid":"bafyreic7t2o4m3wdeejy46oidl7annxcpqfj243ldamylkxxo3rly3xxgi" """.TrimEnd()
                .Replace("SUBJECT", UriOf(subjectRkey), StringComparison.Ordinal));

    public static string Delete(string rkey, long timeUs, string collection = JetstreamEventReader.PostCollection) =>
        Commit(rkey, timeUs, "delete", collection, string.Empty);

    public static string Identity(long timeUs) =>
        """{"did":"DID","time_us":TIME,"kind":"identity","identity":{"did":"DID","handle":"someone.bsky.social","seq":1,"time":"2026-05-25T14:00:00.000Z"}}"""
            .Replace("DID", Did, StringComparison.Ordinal)
            .Replace("TIME", timeUs.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static string UriOf(string rkey, string collection = JetstreamEventReader.PostCollection) => $"at://{Did}/{collection}/{rkey}";

    public static long IdOf(string rkey, string collection = JetstreamEventReader.PostCollection) => BlueskyCanonicalPosts.IdOf(UriOf(rkey, collection));

    private static string Commit(string rkey, long timeUs, string operation, string collection, string record) =>
        CommitTemplate
            .Replace("DID", Did, StringComparison.Ordinal)
            .Replace("TIME", timeUs.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("OPERATION", operation, StringComparison.Ordinal)
            .Replace("COLLECTION", collection, StringComparison.Ordinal)
            .Replace("RKEY", rkey, StringComparison.Ordinal)
            .Replace("RECORD", record, StringComparison.Ordinal);
}
