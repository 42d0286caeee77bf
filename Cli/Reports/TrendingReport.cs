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
    IReadOnlyList<TrendingDay> Trending)
{
    /// <summary>The post sources with data in the range (<c>x</c>, <c>bluesky</c>), in display order: the keys of each show's <see cref="ShowTotal.PostsBySource"/>.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
