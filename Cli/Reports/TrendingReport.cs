namespace TrendingTv.Cli.Reports;

/// <summary>The report over <see cref="From"/>..<see cref="To"/> (UTC dates, inclusive), as written to every format.</summary>
public sealed record TrendingReport(
    DateOnly From,
    DateOnly To,
    int Top,
    string ScoreDefinition,
    IReadOnlyList<ShowTotal> ByTweets,
    IReadOnlyList<ShowTotal> ByHashtags,
    IReadOnlyList<ShowTotal> ByPopularity,
    DailyCountsGrid DailyCounts,
    IReadOnlyList<TrendingDay> Trending);
