using System.Collections.Concurrent;
using System.Threading.Channels;
using TrendingTv.Streamer.Sources.Bluesky;

namespace TrendingTv.Streamer.Tests.Bluesky;

/// <summary>Records what the Jetstream client reports: every state change (also as a channel to wait on) and every gap.</summary>
internal sealed class RecordingJetstreamMonitor : IJetstreamMonitor
{
    private readonly ConcurrentQueue<JetstreamConnectionState> _states = new();
    private readonly ConcurrentQueue<JetstreamGap> _gaps = new();

    /// <summary>The waits announced, in order, for a test to advance its fake clock by.</summary>
    public Channel<JetstreamConnectionState> Waits { get; } = Channel.CreateUnbounded<JetstreamConnectionState>();

    public IReadOnlyList<JetstreamConnectionState> States => [.. _states];

    public IReadOnlyList<JetstreamGap> Gaps => [.. _gaps];

    public void StateChanged(JetstreamConnectionState state)
    {
        _states.Enqueue(state);
        if (state.Status == JetstreamConnectionStatus.WaitingToReconnect)
        {
            Waits.Writer.TryWrite(state);
        }
    }

    public ValueTask GapAsync(JetstreamGap gap, CancellationToken cancellationToken)
    {
        _gaps.Enqueue(gap);
        return ValueTask.CompletedTask;
    }
}
