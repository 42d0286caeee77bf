namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// The Jetstream client's connection state, as reported to <see cref="IJetstreamMonitor.StateChanged"/>.
/// </summary>
/// <param name="Status">What the client is doing.</param>
/// <param name="Instance">The instance connected to, being connected to, or (when waiting) to be tried next; null when stopped before any.</param>
/// <param name="Since">When this state began (from the client's <see cref="TimeProvider"/>).</param>
/// <param name="CursorTimeUs">The cursor sent (or to be sent) to the instance; null for live tail.</param>
/// <param name="Reason">Why the last connection ended or attempt failed, when waiting to reconnect.</param>
/// <param name="RetryIn">The wait before the next attempt, when waiting to reconnect.</param>
/// <param name="Attempt">Failures in a row so far (0 once data flows).</param>
public sealed record JetstreamConnectionState(
    JetstreamConnectionStatus Status,
    Uri? Instance,
    DateTimeOffset Since,
    long? CursorTimeUs = null,
    string? Reason = null,
    TimeSpan? RetryIn = null,
    int Attempt = 0);
