namespace TrendingTv.Cli.Reports;

/// <summary>
/// One show trending on one date: its post count, its baseline mean over the previous days with
/// data, the growth score, and the change of its TMDB popularity since the previous snapshot.
/// </summary>
public sealed record TrendingEntry(
    int Rank,
    long Id,
    string Name,
    long Count,
    double BaselineMean,
    int BaselineDays,
    double Score,
    double? Popularity,
    double? PopularityChange)
{
    /// <summary>The date's posts split by source (<see cref="SourceSplit"/>; every source of the report a key, summing to <see cref="Count"/>).</summary>
    public IReadOnlyDictionary<string, long> PostsBySource { get; init; } = new Dictionary<string, long>();
}
