namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// The wait before each reconnection (pure; no clock): exponential from the initial delay, doubling with each failure
/// in a row up to the maximum, with "equal jitter" — a uniformly random point in the upper half of that step — so
/// that many clients dropped at once do not all come back at once. <see cref="Reset"/> once data flows again.
/// </summary>
public sealed class JetstreamBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;

    public JetstreamBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>Failures in a row so far.</summary>
    public int Attempt { get; private set; }

    /// <summary>The step of attempt <paramref name="attempt"/> (1-based) before jitter: initial × 2^(attempt-1), at most the maximum.</summary>
    public TimeSpan Step(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        // In doubles: initial × 2^(attempt-1) overflows a long of ticks long before it passes any sensible maximum.
        return TimeSpan.FromTicks((long)Math.Min(_max.Ticks, _initial.Ticks * Math.Pow(2, Math.Min(attempt - 1, 62))));
    }

    /// <summary>The wait before the next attempt, after one more failure: between half the step and the step.</summary>
    public TimeSpan Next()
    {
        Attempt++;
        var step = Step(Attempt);
        return TimeSpan.FromTicks((step.Ticks / 2) + (long)(step.Ticks / 2 * _random.NextDouble()));
    }

    public void Reset() => Attempt = 0;
}
