namespace TrendingTv.DataLake.Posts;

/// <summary>The names of the live sources, as canonical records, lake prefixes and metrics spell them.</summary>
public static class PostSources
{
    /// <summary>X (Twitter): the v2 filtered stream, or v1.1/v2 archives replayed.</summary>
    public const string X = "x";

    /// <summary>Bluesky's Jetstream firehose.</summary>
    public const string Bluesky = "bluesky";

    /// <summary>Every source, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [X, Bluesky];
}
