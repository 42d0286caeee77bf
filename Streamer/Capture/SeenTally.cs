using TrendingTv.DataLake.Layout;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// Where a filtering source counts the events it received but did not yield (e.g. Bluesky posts about no tracked
/// show), per received hour. The capture pipeline takes the counts at each commit and adds them to the hours' seen
/// counts in the same transaction, so seen and kept stay within one batch of each other. Thread-safe.
/// </summary>
public sealed class SeenTally(string source)
{
    private readonly Lock _lock = new();
    private Dictionary<DateTimeOffset, long> _counts = [];

    public string Source { get; } = source;

    /// <summary>Counts one event received at <paramref name="receivedAt"/> and not yielded.</summary>
    public void Add(DateTimeOffset receivedAt, long count = 1)
    {
        var hour = LakeLayout.HourOf(receivedAt);
        lock (_lock)
        {
            _counts[hour] = _counts.GetValueOrDefault(hour) + count;
        }
    }

    /// <summary>The counts since the last call, emptied.</summary>
    public IReadOnlyList<SeenCount> Take()
    {
        Dictionary<DateTimeOffset, long> taken;
        lock (_lock)
        {
            if (_counts.Count == 0)
            {
                return [];
            }

            taken = _counts;
            _counts = [];
        }

        return [.. taken.Select(c => new SeenCount(Source, c.Key, c.Value))];
    }
}
