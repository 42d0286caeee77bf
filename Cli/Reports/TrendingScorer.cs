namespace TrendingTv.Cli.Reports;

/// <summary>
/// Ranks the shows of each date by growth against their own recent baseline.
/// <para>
/// For show s on date d with <c>x</c> posts (tweet_count), the baseline is the mean <c>m</c> of its
/// daily counts over the previous <see cref="TrendingOptions.BaselineDays"/> dates (d-7..d-1 by
/// default) that have data in the lake (a date without a tweet_stat partition is not counted as
/// zero; a show without a row on a date that has data counts zero). The score is the Poisson-style
/// z-score <c>z = (x - m) / sqrt(m + 1)</c>: the excess over the baseline in units of the count's
/// expected noise, where the +1 keeps shows with an empty baseline from scoring infinitely.
/// A date is scored only with at least <see cref="TrendingOptions.MinimumBaselineDays"/> baseline
/// dates; a show is listed only with <c>x &gt;= MinimumCount</c> and <c>z &gt; 0</c>. Order: score
/// descending, then count descending, then id ascending.
/// </para>
/// </summary>
public sealed class TrendingScorer
{
    private readonly TrendingOptions _options;

    public TrendingScorer(TrendingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The score definition in one line, as printed in reports.</summary>
    public string Definition => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"z = (x - m) / sqrt(m + 1); x = the show's posts on the date, m = its mean daily posts over the previous {_options.BaselineDays} dates with data (at least {_options.MinimumBaselineDays}); listed when x >= {_options.MinimumCount} and z > 0");

    /// <summary>The growth score of <paramref name="count"/> posts against a baseline mean.</summary>
    public static double Score(long count, double baselineMean) => (count - baselineMean) / Math.Sqrt(baselineMean + 1);

    /// <summary>Scores every date of <paramref name="from"/>..<paramref name="to"/>; the input may hold earlier dates for the baseline.</summary>
    public IReadOnlyList<TrendingDay> ScoreRange(ReportInput input, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(input);
        var counts = input.Counts.ToDictionary(c => (c.Id, c.Date), c => c.TweetCount);
        var datesWithData = input.Counts.Select(c => c.Date).ToHashSet();
        var popularity = input.Popularity
            .GroupBy(p => (p.Id, p.Date))
            .ToDictionary(g => g.Key, g => g.Last().Popularity);
        var split = new SourceSplit(input, from, to);
        var showsByDate = input.Counts.GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.Select(c => c.Id).Distinct().ToArray());
        var days = new List<TrendingDay>();
        // Day numbers, not AddDays: the range may touch DateOnly.MinValue or MaxValue.
        for (var day = from.DayNumber; day <= to.DayNumber; day++)
        {
            var date = DateOnly.FromDayNumber(day);
            var baseline = DaysBefore(date)
                .Where(datesWithData.Contains)
                .ToArray();
            if (baseline.Length < _options.MinimumBaselineDays || !showsByDate.TryGetValue(date, out var shows))
            {
                days.Add(new TrendingDay(date, baseline.Length, []));
                continue;
            }

            var entries = ScoreShows(shows, date, baseline, counts)
                .OrderByDescending(s => s.Score)
                .ThenByDescending(s => s.Count)
                .ThenBy(s => s.Id)
                .Take(_options.PerDay)
                .Select((s, index) => Entry(index + 1, s, date, baseline.Length, input, popularity, split))
                .ToArray();
            days.Add(new TrendingDay(date, baseline.Length, entries));
        }

        return days;
    }

    /// <summary>The shows of <paramref name="date"/> that are listed: at least the minimum count and a positive score.</summary>
    private List<ScoredShow> ScoreShows(long[] shows, DateOnly date, DateOnly[] baseline, Dictionary<(long Id, DateOnly Date), long> counts)
    {
        var scored = new List<ScoredShow>();
        foreach (var id in shows)
        {
            var count = counts.GetValueOrDefault((id, date));
            var mean = baseline.Sum(d => (double)counts.GetValueOrDefault((id, d))) / baseline.Length;
            var score = Score(count, mean);
            if (count >= _options.MinimumCount && score > 0)
            {
                scored.Add(new ScoredShow(id, count, mean, score));
            }
        }

        return scored;
    }

    /// <summary>A listed show with its name, popularity on the date and change since the latest earlier popularity.</summary>
    private TrendingEntry Entry(
        int rank, ScoredShow show, DateOnly date, int baselineDays, ReportInput input, Dictionary<(long Id, DateOnly Date), double> popularity, SourceSplit split)
    {
        double? today = popularity.TryGetValue((show.Id, date), out var p) ? p : null;
        var previous = DaysBefore(date)
            .Select(earlier => popularity.TryGetValue((show.Id, earlier), out var q) ? (double?)q : null)
            .FirstOrDefault(q => q is not null);
        return new TrendingEntry(
            rank,
            show.Id,
            input.Names.GetValueOrDefault(show.Id) ?? $"#{show.Id}",
            show.Count,
            show.Mean,
            baselineDays,
            show.Score,
            today,
            today - previous)
        {
            PostsBySource = split.Of(show.Id, [date]),
        };
    }

    /// <summary>The baseline dates before <paramref name="date"/>, nearest first (fewer near DateOnly.MinValue).</summary>
    private IEnumerable<DateOnly> DaysBefore(DateOnly date) =>
        Enumerable.Range(1, Math.Min(_options.BaselineDays, date.DayNumber)).Select(back => DateOnly.FromDayNumber(date.DayNumber - back));

    private readonly record struct ScoredShow(long Id, long Count, double Mean, double Score);
}
