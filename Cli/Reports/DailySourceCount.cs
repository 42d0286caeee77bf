namespace TrendingTv.Cli.Reports;

/// <summary>One show's posts from one source on one UTC date (a <c>post_stat</c> row's <c>post_count</c>).</summary>
public sealed record DailySourceCount(long Id, DateOnly Date, string Source, long PostCount);
