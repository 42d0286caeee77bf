using TrendingTv.Cli.Reports;

namespace TrendingTv.Cli.Tests.Reports;

public class ReportBuilderTests
{
    private static readonly DateOnly D1 = new(2026, 1, 1);
    private static readonly DateOnly D2 = D1.AddDays(1);

    private static ReportInput Input() => new(
        [
            new DailyShowCount(1, D1.AddDays(-1), 1000, 0, 1000), // before the range: baseline only
            new DailyShowCount(1, D1, 5, 10, 12),
            new DailyShowCount(1, D2, 5, 10, 12),
            new DailyShowCount(2, D1, 7, 0, 7),
            new DailyShowCount(2, D2, 3, 1, 4),
            new DailyShowCount(3, D1, 10, 0, 10),
            new DailyShowCount(3, D2, 0, 0, 0),
        ],
        [new DailyPopularity(1, D1, 10), new DailyPopularity(1, D2, 20), new DailyPopularity(2, D1, 50), new DailyPopularity(3, D1.AddDays(-1), 999)],
        new Dictionary<long, string> { [1] = "One", [2] = "Two" });

    [Fact]
    public void Rankings_sum_the_range_only_and_break_ties_by_id()
    {
        var report = new ReportBuilder(new TrendingOptions()).Build(Input(), D1, D2, top: 3);

        Assert.Equal([(1L, 24L), (2L, 11L), (3L, 10L)], report.ByTweets.Select(t => (t.Id, t.TweetCount)).ToArray());
        // hashtags: 1 → 10, 2 → 10, 3 → 10: a three-way tie ordered by id
        Assert.Equal([1L, 2L, 3L], report.ByHashtags.Select(t => t.Id).ToArray());
        Assert.Equal([(2L, 50.0), (1L, 15.0)], report.ByPopularity.Select(t => (t.Id, t.AveragePopularity!.Value)).ToArray());
        Assert.Equal("#3", report.ByTweets[2].Name);
    }

    [Fact]
    public void Top_limits_every_ranking_and_the_heatmap_rows()
    {
        var report = new ReportBuilder(new TrendingOptions()).Build(Input(), D1, D2, top: 2);

        Assert.Equal(2, report.ByTweets.Count);
        Assert.Equal([1L, 2L], report.DailyCounts.ShowIds);
        Assert.Equal([D1, D2], report.DailyCounts.Dates);
        Assert.Equal([12L, 12L], report.DailyCounts.Counts[0]);
        Assert.Equal([7L, 4L], report.DailyCounts.Counts[1]);
    }

    [Fact]
    public void A_reversed_range_is_refused_with_both_dates_in_the_message()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReportBuilder(new TrendingOptions()).Build(Input(), D2, D1, 5));
        Assert.Contains("2026-01-02..2026-01-01", error.Message, StringComparison.Ordinal);
    }
}
