using System.Text;

namespace TrendingTv.DataLake.Tests.Posts.Bluesky;

/// <summary>The real Jetstream events of TestData/Bluesky (copied from the shared fixtures), one message a line.</summary>
internal static class BlueskyTestData
{
    /// <summary>10 events of one 2026 capture: a like, a reply post, a repost, a follow, a profile update, a delete of another collection, a stream.place record, identity, account, a block.</summary>
    public const string Golden = "real-jetstream-2026-05-25-posts-likes-reposts-follows-identity-account.jsonl";

    /// <summary>23 events from 2024–2026: facets, replies, quotes, embeds, deletes, likes, and three 2024 events with short "type" fields.</summary>
    public const string Snippets = "real-jetstream-2024-2026-facets-replies-quotes-deletes-2024-type-fields.jsonl";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Bluesky", name);

    /// <summary>The lines of a file as UTF-8 bytes, without newlines; line n is at index n - 1.</summary>
    public static IReadOnlyList<byte[]> Lines(string name) =>
        [.. File.ReadAllLines(PathOf(name), Encoding.UTF8).Where(line => line.Length > 0).Select(Encoding.UTF8.GetBytes)];

    public static byte[] Line(string name, int number) => Lines(name)[number - 1];

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
