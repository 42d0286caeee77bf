using TrendingTv.Cli.Reports;

namespace TrendingTv.Cli.Tests.Reports;

/// <summary>Reports at the ends of the calendar: the baseline before 0001-01-01 is empty, the range may end on 9999-12-31.</summary>
public sealed class DateEdgeTests
{
    [Theory]
    [InlineData("0001-01-01", "0001-01-10")]
    [InlineData("0001-01-01", "0001-01-01")]
    [InlineData("9999-12-20", "9999-12-31")]
    [InlineData("9999-12-31", "9999-12-31")]
    public void A_report_at_the_ends_of_the_calendar_is_scored_without_overflow(string fromText, string toText)
    {
        var from = DateOnly.Parse(fromText, System.Globalization.CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(toText, System.Globalization.CultureInfo.InvariantCulture);
        var counts = Enumerable.Range(from.DayNumber, to.DayNumber - from.DayNumber + 1)
            .Select(day => new DailyShowCount(1, DateOnly.FromDayNumber(day), 20, 20, 20 + (day % 3 == 0 ? 100 : 0)))
            .ToArray();

        var report = new ReportBuilder(new TrendingOptions()).Build(new ReportInput(counts, [], new Dictionary<long, string> { [1] = "Show" }), from, to, top: 5);

        Assert.Equal(to.DayNumber - from.DayNumber + 1, report.Trending.Count);
        Assert.Equal(to, report.Trending[^1].Date);
        Assert.Equal(counts.Sum(c => c.TweetCount), Assert.Single(report.ByTweets).TweetCount);
    }
}
