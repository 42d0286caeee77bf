using TrendingTv.DataLake.Posts;

namespace TrendingTv.Cli.Reports;

/// <summary>
/// Each show's daily posts split by source, from <see cref="ReportInput.SourceCounts"/> (post_stat). A date that has
/// tweet_stat counts but no post_stat row at all comes from a lake written before post_stat existed, when X was the
/// only source: its posts count as <c>x</c>. Sources are listed in <see cref="PostSources.All"/> order, then any
/// other by name.
/// </summary>
public sealed class SourceSplit
{
    private readonly Dictionary<(long Id, DateOnly Date), Dictionary<string, long>> _byShowDate = [];

    public SourceSplit(ReportInput input, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(input);
        var splitDates = input.SourceCounts.Select(c => c.Date).ToHashSet();
        foreach (var count in input.SourceCounts.Where(c => c.Date >= from && c.Date <= to))
        {
            Add(count.Id, count.Date, count.Source, count.PostCount);
        }

        foreach (var count in input.Counts.Where(c => c.Date >= from && c.Date <= to && c.TweetCount > 0 && !splitDates.Contains(c.Date)))
        {
            Add(count.Id, count.Date, PostSources.X, count.TweetCount);
        }

        var seen = _byShowDate.Values.SelectMany(d => d.Keys).ToHashSet(StringComparer.Ordinal);
        Sources = [.. PostSources.All.Where(seen.Contains), .. seen.Except(PostSources.All).Order(StringComparer.Ordinal)];
    }

    /// <summary>The sources with data in the range, in display order (empty when there are no post counts at all).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>A show's posts per source over <paramref name="dates"/>; every source of <see cref="Sources"/> is a key (0 when none).</summary>
    public IReadOnlyDictionary<string, long> Of(long id, IEnumerable<DateOnly> dates)
    {
        var split = Sources.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        foreach (var date in dates)
        {
            if (_byShowDate.TryGetValue((id, date), out var counts))
            {
                foreach (var (source, posts) in counts)
                {
                    split[source] += posts;
                }
            }
        }

        return split;
    }

    /// <summary>How a source is named in tables and legends: <c>X</c>, <c>Bluesky</c>, or the source as written.</summary>
    public static string DisplayName(string source) => source switch
    {
        PostSources.X => "X",
        PostSources.Bluesky => "Bluesky",
        _ => source,
    };

    private void Add(long id, DateOnly date, string source, long posts)
    {
        if (!_byShowDate.TryGetValue((id, date), out var counts))
        {
            _byShowDate[(id, date)] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        counts[source] = counts.GetValueOrDefault(source) + posts;
    }
}
