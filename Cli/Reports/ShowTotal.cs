namespace TrendingTv.Cli.Reports;

/// <summary>
/// A show's totals over the report's range, its posts split by source (<see cref="SourceSplit"/>: every source of the
/// report a key, summing to <see cref="TweetCount"/>), and its average TMDB popularity (null without snapshots).
/// </summary>
public sealed record ShowTotal(
    int Rank,
    long Id,
    string Name,
    long TweetCount,
    IReadOnlyDictionary<string, long> PostsBySource,
    long HashtagCount,
    long TextCount,
    double? AveragePopularity);
