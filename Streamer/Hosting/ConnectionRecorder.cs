using Microsoft.Extensions.Logging;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources;
using TrendingTv.Streamer.Telemetry;

namespace TrendingTv.Streamer.Hosting;

/// <summary>
/// Records what live sources report (<see cref="IConnectionReporter"/>) in the <see cref="ConnectionLog"/> and the
/// metrics: a capture session per source while it runs, a gap opened at the first failure of an outage and closed at
/// the next connection (or when capture stops), disconnects and gap seconds counted.
/// </summary>
public sealed class ConnectionRecorder(ConnectionLog log, TimeProvider time, ILogger<ConnectionRecorder> logger, StreamerMetrics? metrics = null) : IConnectionReporter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SourceState> _sources = new(StringComparer.Ordinal);

    /// <summary>The reason of the gap every session starts with, until the source first connects.</summary>
    public const string Connecting = "connecting";

    /// <summary>
    /// Starts the capture session of <paramref name="source"/>. It is not connected until it reports so: the session
    /// opens with a gap (<see cref="Connecting"/>), so a capture that never connects leaves its whole time as a gap.
    /// </summary>
    public async Task StartSessionAsync(string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = await log.StartSessionAsync(source, now, cancellationToken);
        var gap = await log.OpenGapAsync(session, source, now, Connecting, now, cancellationToken);
        lock (_lock)
        {
            _sources[source] = new SourceState(session) { OpenGap = gap, GapSince = now };
        }
    }

    /// <summary>Capture of <paramref name="source"/> is still running: moves the session's (and an open gap's) end on.</summary>
    public async Task HeartbeatAsync(string source, CancellationToken cancellationToken)
    {
        if (State(source) is { } state)
        {
            await log.TouchSessionAsync(state.Session, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Ends the session of <paramref name="source"/>, closing a gap still open; says whether the source ever connected and its last failure.</summary>
    public async Task<SessionOutcome> EndSessionAsync(string source)
    {
        if (State(source) is not { } state)
        {
            return new SessionOutcome(false, null);
        }

        var now = time.GetUtcNow();
        var outcome = new SessionOutcome(state.EverConnected, state.LastFailure);
        await CloseGapAsync(source, state, now);
        await log.TouchSessionAsync(state.Session, now, CancellationToken.None);
        lock (_lock)
        {
            _sources.Remove(source);
        }

        return outcome;
    }

    public async ValueTask ConnectedAsync(string source, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (State(source) is not { } state)
        {
            return;
        }

        state.EverConnected = true;
        await CloseGapAsync(source, state, at);
    }

    public async ValueTask DisconnectedAsync(string source, DateTimeOffset since, string kind, string reason, CancellationToken cancellationToken)
    {
        metrics?.Disconnected(source, kind);
        if (State(source) is not { } state)
        {
            return;
        }

        var first = state.LastFailure is null;
        state.LastFailure = reason;
        if (state.OpenGap is null)
        {
            state.OpenGap = await log.OpenGapAsync(state.Session, source, since, reason, time.GetUtcNow(), CancellationToken.None);
            state.GapSince = since;
        }
        else if (first && !state.EverConnected)
        {
            await log.SetGapReasonAsync(state.OpenGap.Value, reason, CancellationToken.None); // why it is not connecting
        }
    }

    private async Task CloseGapAsync(string source, SourceState state, DateTimeOffset at)
    {
        if (state.OpenGap is not { } gap)
        {
            return;
        }

        await log.CloseGapAsync(gap, at, CancellationToken.None);
        var duration = at - state.GapSince;
        metrics?.Gap(source, duration);
        if (state.LastFailure is not null)
        {
            logger.LogWarning("{Source}: not connected for {Gap} ({Reason}).", source, duration, state.LastFailure);
        }

        state.OpenGap = null;
        state.LastFailure = null;
    }

    private SourceState? State(string source)
    {
        lock (_lock)
        {
            return _sources.GetValueOrDefault(source);
        }
    }

    private sealed class SourceState(long session)
    {
        public long Session { get; } = session;

        public long? OpenGap { get; set; }

        public DateTimeOffset GapSince { get; set; }

        public bool EverConnected { get; set; }

        public string? LastFailure { get; set; }
    }
}
