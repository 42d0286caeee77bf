namespace TrendingTv.Cli.Reports;

/// <summary>A show's totals over the report's range, with its average TMDB popularity (null without snapshots).</summary>
public sealed record ShowTotal(
    int Rank,
    long Id,
    string Name,
    long TweetCount,
    long HashtagCount,
    long TextCount,
    double? AveragePopularity);
