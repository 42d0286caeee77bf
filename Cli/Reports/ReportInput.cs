namespace TrendingTv.Cli.Reports;

/// <summary>
/// What a report is computed from: the daily counts and popularity (including the baseline days
/// before the report's range), the dates that have a <c>tweet_stat</c> partition, and show names.
/// </summary>
public sealed record ReportInput(
    IReadOnlyList<DailyShowCount> Counts,
    IReadOnlyList<DailyPopularity> Popularity,
    IReadOnlyDictionary<long, string> Names)
{
    /// <summary>
    /// The same posts split by source (<c>post_stat</c>). A date with counts but no split (a lake written before
    /// post_stat existed, when X was the only source) is attributed to <c>x</c> by <see cref="SourceSplit"/>.
    /// </summary>
    public IReadOnlyList<DailySourceCount> SourceCounts { get; init; } = [];
}
