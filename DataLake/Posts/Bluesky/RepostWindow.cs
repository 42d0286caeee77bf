using TrendingTv.DataLake.Layout;

namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// The kept posts a repost can be about: those received in the repost's own UTC hour or the hour before, at most
/// <see cref="Capacity"/> of them (the oldest forgotten first). Capture keeps a repost only when its subject is in
/// this window; the Bluesky normaliser resolves a repost's text from the same window over the raw hours (the hour
/// and the one before), so both agree on which reposts count. See docs/bluesky.md ("Reposts").
/// </summary>
/// <typeparam name="T">What is remembered of a subject (nothing at capture; its canonical record at normalisation).</typeparam>
public sealed class RepostWindow<T>
{
    /// <summary>The most subjects remembered: far above what a filtered capture keeps in two hours (KeepAll shortens the window).</summary>
    public const int DefaultCapacity = 50_000;

    private readonly Dictionary<long, (DateTimeOffset Hour, T Value)> _subjects = [];
    private readonly Queue<long> _order = new();

    public RepostWindow(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _subjects.Count;

    /// <summary>Remembers the kept post <paramref name="id"/>, received at <paramref name="receivedAt"/>.</summary>
    public void Add(long id, DateTimeOffset receivedAt, T value)
    {
        var hour = LakeLayout.HourOf(receivedAt);
        if (!_subjects.ContainsKey(id))
        {
            _order.Enqueue(id);
        }

        _subjects[id] = (hour, value);
        while (_order.Count > Capacity || (_order.TryPeek(out var oldest) && _subjects[oldest].Hour < hour.AddHours(-1)))
        {
            _subjects.Remove(_order.Dequeue());
        }
    }

    /// <summary>The subject <paramref name="id"/> of a repost received at <paramref name="receivedAt"/>, when it is in the window.</summary>
    public bool TryGet(long id, DateTimeOffset receivedAt, out T value)
    {
        if (_subjects.TryGetValue(id, out var subject) && subject.Hour >= LakeLayout.HourOf(receivedAt).AddHours(-1))
        {
            value = subject.Value;
            return true;
        }

        value = default!;
        return false;
    }
}
