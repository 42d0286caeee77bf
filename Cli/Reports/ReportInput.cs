namespace TrendingTv.Cli.Reports;

/// <summary>
/// What a report is computed from: the daily counts and popularity (including the baseline days
/// before the report's range), the dates that have a <c>tweet_stat</c> partition, and show names.
/// </summary>
public sealed record ReportInput(
    IReadOnlyList<DailyShowCount> Counts,
    IReadOnlyList<DailyPopularity> Popularity,
    IReadOnlyDictionary<long, string> Names);
