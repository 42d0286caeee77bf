namespace TrendingTv.Streamer.Sources.X;

/// <summary>
/// The reconnect schedule X documents for the filtered stream (pure; no clock):
/// network errors back off linearly by 250 ms up to 16 s; HTTP errors exponentially from 5 s up to
/// 320 s; HTTP 429 exponentially from 1 minute (X documents no ceiling; ours is 16 minutes, past the
/// 15-minute rate-limit window). A change of kind starts that kind's sequence afresh;
/// <see cref="Reset"/> after a successful connection.
/// </summary>
public sealed class ReconnectBackoff
{
    public static readonly TimeSpan NetworkStep = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan NetworkMax = TimeSpan.FromSeconds(16);
    public static readonly TimeSpan HttpFirst = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan HttpMax = TimeSpan.FromSeconds(320);
    public static readonly TimeSpan RateLimitFirst = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RateLimitMax = TimeSpan.FromMinutes(16);

    private DisconnectKind? _kind;
    private int _attempt;

    /// <summary>Consecutive failures of the current kind so far.</summary>
    public int Attempt => _attempt;

    /// <summary>The wait before the next connection attempt after a failure of <paramref name="kind"/>.</summary>
    public TimeSpan Next(DisconnectKind kind)
    {
        if (_kind != kind)
        {
            _kind = kind;
            _attempt = 0;
        }

        _attempt++;
        return kind switch
        {
            DisconnectKind.Network => Min(NetworkStep * _attempt, NetworkMax),
            DisconnectKind.Http => Doubling(HttpFirst, HttpMax, _attempt),
            DisconnectKind.RateLimited => Doubling(RateLimitFirst, RateLimitMax, _attempt),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown disconnect kind."),
        };
    }

    /// <summary>Forgets past failures (call once a connection is established).</summary>
    public void Reset()
    {
        _kind = null;
        _attempt = 0;
    }

    private static TimeSpan Doubling(TimeSpan first, TimeSpan max, int attempt) =>
        attempt > 20 ? max : Min(first * (1L << (attempt - 1)), max);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
