using TrendingTv.Cli.Reports;

namespace TrendingTv.Cli.Tests.Reports;

public class TrendingScorerTests
{
    private static readonly DateOnly D1 = new(2026, 1, 1);
    private static readonly DateOnly D2 = D1.AddDays(1);
    private static readonly DateOnly D3 = D1.AddDays(2);
    private static readonly DateOnly D4 = D1.AddDays(3);

    private static readonly TrendingOptions Options = new() { BaselineDays = 3, MinimumBaselineDays = 2, MinimumCount = 10, PerDay = 10 };

    private static ReportInput Input(IEnumerable<(long Id, long[] Counts)> shows, DateOnly[] dates, params DailyPopularity[] popularity) => new(
        [.. shows.SelectMany(s => s.Counts.Select((count, i) => new DailyShowCount(s.Id, dates[i], 0, 0, count)))],
        popularity,
        new Dictionary<long, string> { [1] = "A", [2] = "B", [3] = "C", [4] = "D", [5] = "E" });

    [Fact]
    public void Score_is_the_excess_over_the_baseline_mean_in_poisson_units()
    {
        Assert.Equal(5.0, TrendingScorer.Score(13, 3));
        Assert.Equal(4.0, TrendingScorer.Score(20, 8));
        Assert.Equal(-1.5, TrendingScorer.Score(0, 3));
        Assert.Equal(7.0, TrendingScorer.Score(7, 0));
    }

    [Fact]
    public void Shows_are_ranked_by_score_then_count_with_low_volume_and_flat_shows_left_out()
    {
        var input = Input(
            [
                (1, [3, 3, 3, 13]),    // z = (13 - 3) / sqrt(4) = 5
                (2, [8, 8, 8, 20]),    // z = (20 - 8) / sqrt(9) = 4
                (3, [0, 0, 0, 9]),     // z = 9, but 9 posts < minimum count 10
                (4, [24, 24, 24, 49]), // z = (49 - 24) / sqrt(25) = 5, more posts than A
                (5, [10, 10, 10, 10]), // z = 0: not growing
            ],
            [D1, D2, D3, D4]);

        var day = new TrendingScorer(Options).ScoreRange(input, D4, D4).Single();

        Assert.Equal(3, day.BaselineDays);
        Assert.Equal(
            [(1, 4L, 49L, 24.0, 5.0), (2, 1L, 13L, 3.0, 5.0), (3, 2L, 20L, 8.0, 4.0)],
            day.Shows.Select(s => (s.Rank, s.Id, s.Count, s.BaselineMean, s.Score)).ToArray());
    }

    [Fact]
    public void Dates_without_enough_baseline_days_are_not_scored()
    {
        var input = Input([(1, [3, 30, 300])], [D1, D2, D3]);

        var days = new TrendingScorer(Options).ScoreRange(input, D1, D3);

        Assert.Equal([0, 1, 2], days.Select(d => d.BaselineDays).ToArray());
        Assert.Empty(days[0].Shows);
        Assert.Empty(days[1].Shows);
        // D3: baseline mean (3 + 30) / 2 = 16.5, z = (300 - 16.5) / sqrt(17.5)
        Assert.Equal((300 - 16.5) / Math.Sqrt(17.5), Assert.Single(days[2].Shows).Score, 12);
    }

    [Fact]
    public void A_date_missing_from_the_lake_is_left_out_of_the_baseline_rather_than_counted_as_zero()
    {
        // No partition for D3: the baseline of D4 is D1 and D2 only, mean 3 (not 2).
        var input = Input([(1, [3, 3, 13])], [D1, D2, D4]);

        var entry = Assert.Single(new TrendingScorer(Options).ScoreRange(input, D4, D4).Single().Shows);

        Assert.Equal(2, entry.BaselineDays);
        Assert.Equal(3.0, entry.BaselineMean);
        Assert.Equal(5.0, entry.Score);
    }

    [Fact]
    public void Popularity_change_is_against_the_latest_earlier_snapshot()
    {
        var input = Input(
            [(1, [3, 3, 3, 13]), (2, [8, 8, 8, 20])],
            [D1, D2, D3, D4],
            new DailyPopularity(1, D2, 90), new DailyPopularity(1, D3, 100), new DailyPopularity(1, D4, 112.5));

        var shows = new TrendingScorer(Options).ScoreRange(input, D4, D4).Single().Shows;

        Assert.Equal((112.5, 12.5), (shows[0].Popularity!.Value, shows[0].PopularityChange!.Value));
        Assert.Null(shows[1].Popularity);
        Assert.Null(shows[1].PopularityChange);
    }

    [Fact]
    public void Only_the_configured_number_of_shows_is_listed_per_day()
    {
        var input = Input([(1, [3, 3, 3, 13]), (2, [8, 8, 8, 20]), (4, [24, 24, 24, 49])], [D1, D2, D3, D4]);

        var shows = new TrendingScorer(new TrendingOptions { BaselineDays = 3, MinimumBaselineDays = 2, MinimumCount = 10, PerDay = 2 })
            .ScoreRange(input, D4, D4).Single().Shows;

        Assert.Equal([4L, 1L], shows.Select(s => s.Id).ToArray());
    }
}
