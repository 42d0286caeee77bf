using System.Text;

namespace TrendingTv.Streamer.Tests.Bluesky;

/// <summary>The real Jetstream events of TestData/Bluesky (copied from the shared fixtures), one message a line.</summary>
internal static class JetstreamTestData
{
    /// <summary>10 events of one 2026 capture: posts, likes, reposts, follows, identity, account.</summary>
    public const string Golden = "real-jetstream-2026-05-25-posts-likes-reposts-follows-identity-account.jsonl";

    /// <summary>23 events from 2024–2026: facets, replies, quotes, deletes, and 2024 events with short "type" fields.</summary>
    public const string Snippets = "real-jetstream-2024-2026-facets-replies-quotes-deletes-2024-type-fields.jsonl";

    public static IReadOnlyList<string> Lines(string name) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "Bluesky", name), Encoding.UTF8).Where(line => line.Length > 0)];
}
