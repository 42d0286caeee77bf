namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// Where the Jetstream client reports what a caller records or shows: connection state changes and disconnect gaps
/// (the capture wires gaps to the store's gap log, the state to status and metrics).
/// </summary>
public interface IJetstreamMonitor
{
    /// <summary>The connection state changed. Called on the reading loop: return quickly.</summary>
    void StateChanged(JetstreamConnectionState state);

    /// <summary>A gap ended (the first message after a failure arrived); awaited before that message is yielded.</summary>
    ValueTask GapAsync(JetstreamGap gap, CancellationToken cancellationToken);
}
