namespace TrendingTv.Cli.Reports;

/// <summary>Computes a <see cref="TrendingReport"/> from a <see cref="ReportInput"/>: rankings, heatmap grid and trending days.</summary>
public sealed class ReportBuilder
{
    private readonly TrendingScorer _scorer;

    public ReportBuilder(TrendingOptions options)
    {
        _scorer = new TrendingScorer(options);
    }

    public TrendingReport Build(ReportInput input, DateOnly from, DateOnly to, int top)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (to < from)
        {
            throw new ArgumentException($"The report range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} is reversed.", nameof(to));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var inRange = input.Counts.Where(c => c.Date >= from && c.Date <= to).ToArray();
        var dates = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToArray();
        var split = new SourceSplit(input, from, to);
        var (byTweets, byHashtags, byPopularity) = Rankings(input, inRange, dates, split, top);
        var grid = Heatmap(input, inRange, dates, byTweets);

        return new TrendingReport(
            from,
            to,
            top,
            _scorer.Definition,
            byTweets,
            byHashtags,
            byPopularity,
            grid,
            _scorer.ScoreRange(input, from, to))
        {
            Sources = split.Sources,
        };
    }

    /// <summary>The top shows of the range by posts, by hashtag posts and by mean TMDB popularity.</summary>
    private static (IReadOnlyList<ShowTotal> ByTweets, IReadOnlyList<ShowTotal> ByHashtags, IReadOnlyList<ShowTotal> ByPopularity) Rankings(
        ReportInput input, DailyShowCount[] inRange, DateOnly[] dates, SourceSplit split, int top)
    {
        var from = dates[0];
        var to = dates[^1];
        var averagePopularity = input.Popularity
            .Where(p => p.Date >= from && p.Date <= to)
            .GroupBy(p => p.Id)
            .ToDictionary(g => g.Key, g => g.Average(p => p.Popularity));
        var totals = inRange
            .GroupBy(c => c.Id)
            .Select(g => (Id: g.Key, Tweets: g.Sum(c => c.TweetCount), Hashtags: g.Sum(c => c.HashtagCount), Text: g.Sum(c => c.TextCount)))
            .ToArray();
        var ids = totals.Select(t => t.Id).Concat(averagePopularity.Keys).Distinct().ToArray();
        var byId = totals.ToDictionary(t => t.Id);

        ShowTotal Total(long id, int rank)
        {
            var t = byId.GetValueOrDefault(id);
            return new ShowTotal(rank, id, NameOf(input, id), t.Tweets, split.Of(id, dates), t.Hashtags, t.Text, averagePopularity.TryGetValue(id, out var p) ? p : null);
        }

        IReadOnlyList<ShowTotal> Rank(IEnumerable<long> ordered) => ordered.Take(top).Select((id, index) => Total(id, index + 1)).ToArray();

        return (
            Rank(ids.OrderByDescending(id => byId.GetValueOrDefault(id).Tweets).ThenBy(id => id)),
            Rank(ids.OrderByDescending(id => byId.GetValueOrDefault(id).Hashtags).ThenBy(id => id)),
            Rank(averagePopularity.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key)));
    }

    /// <summary>Daily posts of the most posted shows (those with any post), one row a show, one column a date.</summary>
    private static DailyCountsGrid Heatmap(ReportInput input, DailyShowCount[] inRange, DateOnly[] dates, IReadOnlyList<ShowTotal> byTweets)
    {
        var countOf = inRange.ToDictionary(c => (c.Id, c.Date), c => c.TweetCount);
        var gridIds = byTweets.Where(t => t.TweetCount > 0).Select(t => t.Id).ToArray();
        return new DailyCountsGrid(
            dates,
            gridIds,
            gridIds.Select(id => NameOf(input, id)).ToArray(),
            gridIds.Select(id => (IReadOnlyList<long>)dates.Select(d => countOf.GetValueOrDefault((id, d))).ToArray()).ToArray());
    }

    private static string NameOf(ReportInput input, long id) => input.Names.GetValueOrDefault(id) ?? $"#{id}";
}
