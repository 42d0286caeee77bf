using TrendingTv.DataLake.Layout;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Upload;

/// <summary>
/// What the connection log says about one source's hours (pure): which hours it was connected throughout (inside a
/// capture session, no gap touching the hour: only such an hour without posts is "empty"), and how long each hour
/// was in a gap.
/// </summary>
public sealed class SourceHours
{
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);
    private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _sessions;
    private readonly List<SourceGap> _gaps;

    public SourceHours(string source, IEnumerable<CaptureSession> sessions, IEnumerable<SourceGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(gaps);
        Source = source;
        _sessions = Merge(sessions.Where(s => s.Source == source).Select(s => (s.Start, s.LastSeen)));
        _gaps = [.. gaps.Where(g => g.Source == source)];
    }

    public string Source { get; }

    /// <summary>The hours before <paramref name="before"/> covered by a session, oldest first (each once).</summary>
    public IEnumerable<DateTimeOffset> SessionHours(DateTimeOffset before)
    {
        DateTimeOffset? last = null;
        foreach (var (start, end) in _sessions)
        {
            for (var hour = LakeLayout.HourOf(start); hour <= end && hour < before; hour += OneHour)
            {
                if (last is null || hour > last)
                {
                    last = hour;
                    yield return hour;
                }
            }
        }
    }

    /// <summary>Whether the source was connected throughout <paramref name="hour"/>: a session covers all of it and no gap touches it.</summary>
    public bool ConnectedThroughout(DateTimeOffset hour) =>
        _sessions.Any(s => s.Start <= hour && s.End >= hour + OneHour) && !_gaps.Any(g => Touches(g, hour));

    /// <summary>How long gaps overlapped <paramref name="hour"/>.</summary>
    public TimeSpan GapWithin(DateTimeOffset hour)
    {
        var total = TimeSpan.Zero;
        foreach (var gap in _gaps)
        {
            var start = gap.Start > hour ? gap.Start : hour;
            var end = gap.End < hour + OneHour ? gap.End : hour + OneHour;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>The gaps that touch <paramref name="hour"/>.</summary>
    public IEnumerable<SourceGap> GapsIn(DateTimeOffset hour) => _gaps.Where(g => Touches(g, hour));

    private static bool Touches(SourceGap gap, DateTimeOffset hour) => gap.Start < hour + OneHour && (gap.End > hour || gap.Start >= hour);

    private static List<(DateTimeOffset Start, DateTimeOffset End)> Merge(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var (start, end) in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End);
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }
}
