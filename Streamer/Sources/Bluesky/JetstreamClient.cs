using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Posts.Bluesky;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// Reads Bluesky's firehose from Jetstream over a WebSocket: subscribes to posts and reposts, and yields each post,
/// repost and delete event with its bytes as received, plus malformed messages for quarantine. Identity and account
/// events, other collections and unknown kinds are counted and skipped; no message ever stops the read.
/// </summary>
/// <remarks>
/// It reconnects forever (until cancelled). Every failure — a refused or failed connection, a dropped one, a close
/// frame, a stall (no data for <see cref="BlueskyOptions.StallTimeout"/>) — moves on to the next instance of the list
/// after a jittered exponential wait (<see cref="JetstreamBackoff"/>), and the new connection resumes from the newest
/// <c>time_us</c> read minus <see cref="BlueskyOptions.CursorMargin"/>: Jetstream cursors are times, the same on
/// every instance. Messages are bounded by <see cref="BlueskyOptions.MaxMessageBytes"/>. Each gap (from the last
/// message before a failure to the first after) goes to the <see cref="IJetstreamMonitor"/>, as does every state change.
/// </remarks>
public sealed class JetstreamClient
{
    private readonly BlueskyOptions _options;
    private readonly IReadOnlyList<Uri> _instances;
    private readonly IJetstreamMonitor? _monitor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JetstreamBackoff _backoff;
    private readonly Func<ReadOnlySpan<byte>, ReadOnlyMemory<byte>> _copyPayload;
    private readonly long[] _counts = new long[Enum.GetValues<Counter>().Length];
    private JetstreamConnectionState _state;

    /// <param name="options">The <c>Bluesky</c> settings.</param>
    /// <param name="monitor">Receives state changes and gaps; none when null.</param>
    /// <param name="time">Drives the stall timer, the waits and the times reported.</param>
    /// <param name="logger">Connections, failures and over-size messages are logged.</param>
    /// <param name="jitter">The randomness of the reconnect waits.</param>
    /// <param name="copyPayload">
    /// Copies a yielded message's bytes out of the receive buffer (the capture passes its payload arena); a new array
    /// by default.
    /// </param>
    public JetstreamClient(
        IOptions<BlueskyOptions> options,
        IJetstreamMonitor? monitor = null,
        TimeProvider? time = null,
        ILogger<JetstreamClient>? logger = null,
        Random? jitter = null,
        Func<ReadOnlySpan<byte>, ReadOnlyMemory<byte>>? copyPayload = null)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _instances = _options.InstanceUris();
        _monitor = monitor;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _backoff = new JetstreamBackoff(_options.ReconnectDelayInitial, _options.ReconnectDelayMax, jitter);
        _copyPayload = copyPayload ?? (static bytes => bytes.ToArray());
        _state = new JetstreamConnectionState(JetstreamConnectionStatus.Stopped, null, _time.GetUtcNow());
    }

    /// <summary>The current connection state (safe to read from any thread).</summary>
    public JetstreamConnectionState State => Volatile.Read(ref _state);

    /// <summary>Counts since the client was created (safe to read from any thread).</summary>
    public JetstreamStatistics Statistics => new()
    {
        Messages = Count(Counter.Messages),
        Posts = Count(Counter.Posts),
        Reposts = Count(Counter.Reposts),
        Deletes = Count(Counter.Deletes),
        Identity = Count(Counter.Identity),
        Account = Count(Counter.Account),
        OtherCollection = Count(Counter.OtherCollection),
        UnknownKind = Count(Counter.UnknownKind),
        Malformed = Count(Counter.Malformed),
        OverSize = Count(Counter.OverSize),
        Connections = Count(Counter.Connections),
        Failures = Count(Counter.Failures),
    };

    /// <summary>
    /// Yields messages until <paramref name="cancellationToken"/> is cancelled, reconnecting as needed.
    /// </summary>
    /// <param name="lastCommittedTimeUs">
    /// The newest <c>time_us</c> the caller has safely stored: the first connection resumes from it (minus the margin).
    /// Null for a first run: live tail.
    /// </param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async IAsyncEnumerable<JetstreamMessage> ReadAsync(long? lastCommittedTimeUs = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var run = new ReadRun(lastCommittedTimeUs, _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var instance = _instances[run.InstanceIndex % _instances.Count];
                var (connection, failure) = await ConnectAsync(instance, run.ResumeCursor(_options.CursorMargin), cancellationToken);
                if (connection is null)
                {
                    if (failure is null)
                    {
                        yield break; // cancelled while connecting
                    }

                    run.Failed(_time.GetUtcNow(), failure);
                    await WaitToReconnectAsync(run, failure, cancellationToken);
                    continue;
                }

                using (connection)
                {
                    await foreach (var message in ReadConnectionAsync(connection, run, cancellationToken))
                    {
                        yield return message;
                    }
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                run.Failed(connection.LastMessageAt ?? _time.GetUtcNow(), connection.Failure!);
                await WaitToReconnectAsync(run, connection.Failure!, cancellationToken);
            }
        }
        finally
        {
            SetState(new JetstreamConnectionState(JetstreamConnectionStatus.Stopped, State.Instance, _time.GetUtcNow()));
        }
    }

    /// <summary>The messages of one connection, until it ends (its <see cref="JetstreamConnection.Failure"/> says why) or the read stops.</summary>
    private async IAsyncEnumerable<JetstreamMessage> ReadConnectionAsync(JetstreamConnection connection, ReadRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            bool received;
            try
            {
                received = await connection.ReceiveAsync();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (!received)
            {
                yield break;
            }

            var jetstreamEvent = Classify(connection);
            if (connection.MessagesReceived == 1)
            {
                await FirstMessageAsync(connection, jetstreamEvent, run);
            }

            if (Accept(connection, jetstreamEvent, run) is { } message)
            {
                yield return message;
            }
        }
    }

    /// <summary>Opens a connection; on failure returns the reason (null when cancelled).</summary>
    private async Task<(JetstreamConnection? Connection, string? Failure)> ConnectAsync(Uri instance, long? cursor, CancellationToken cancellationToken)
    {
        SetState(new JetstreamConnectionState(JetstreamConnectionStatus.Connecting, instance, _time.GetUtcNow(), cursor, Attempt: _backoff.Attempt));
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(JetstreamSubscription.Url(instance, cursor), linked.Token);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                return (null, null);
            }

            return (null, timeout.IsCancellationRequested
                ? $"connecting to {instance.Host} timed out after {Seconds(_options.ConnectTimeout)} s"
                : status != 0
                    ? $"{instance.Host} refused the connection: HTTP {(int)status} {status}"
                    : $"connecting to {instance.Host} failed: {(e.InnerException ?? e).Message}");
        }

        Interlocked.Increment(ref _counts[(int)Counter.Connections]);
        var connection = new JetstreamConnection(socket, instance, cursor, _options, _time, cancellationToken);
        SetState(new JetstreamConnectionState(JetstreamConnectionStatus.Connected, instance, connection.ConnectedAt, cursor, Attempt: _backoff.Attempt));
        _logger.LogInformation("Jetstream connected to {Instance} ({Cursor}).", instance.Host, cursor is { } c ? $"cursor {c}" : "live tail");
        return (connection, null);
    }

    private JetstreamEvent Classify(JetstreamConnection connection)
    {
        if (connection.OverSizeLength > 0)
        {
            _logger.LogWarning("Jetstream message of {Length} bytes from {Instance} dropped: over the {Limit}-byte limit.", connection.OverSizeLength, connection.Instance.Host, _options.MaxMessageBytes);
            return Malformed($"a message of {connection.OverSizeLength} bytes, over the {_options.MaxMessageBytes}-byte limit: dropped (first {connection.Message.Length} bytes kept)");
        }

        return connection.IsBinary
            ? Malformed($"a binary frame of {connection.Message.Length} bytes (Jetstream sends JSON text; compression was not asked for)")
            : JetstreamEventReader.Read(connection.Message.Span);
    }

    /// <summary>Data flows again: the backoff starts afresh and a pending gap ends.</summary>
    private async ValueTask FirstMessageAsync(JetstreamConnection connection, JetstreamEvent first, ReadRun run)
    {
        _backoff.Reset();
        var receivedAt = connection.LastMessageAt!.Value;
        if (run.GapFrom is { } from)
        {
            await ReportGapAsync(new JetstreamGap(from, receivedAt, run.GapReason!));
            run.GapFrom = null;
            run.GapReason = null;
        }

        // Jetstream keeps about a day: from an older cursor it replays from its oldest event, and the hours between are lost.
        var tolerance = (_options.StallTimeout + _options.CursorMargin).Ticks / TimeSpan.TicksPerMicrosecond;
        if (connection.CursorTimeUs is { } cursor && first.Kind != JetstreamEventKind.Malformed && first.TimeUs - cursor > tolerance)
        {
            await ReportGapAsync(new JetstreamGap(
                TimeOfMicroseconds(cursor),
                TimeOfMicroseconds(first.TimeUs),
                $"{connection.Instance.Host} replayed from {first.TimeUs}, not from the cursor {cursor}: the cursor is older than the instance keeps"));
        }
    }

    private async ValueTask ReportGapAsync(JetstreamGap gap)
    {
        _logger.LogWarning("Jetstream gap of {Duration} from {From:O} to {To:O}: {Reason}", gap.Duration, gap.From, gap.To, gap.Reason);
        if (_monitor is not null)
        {
            // A gap is recorded even while shutting down.
            await _monitor.GapAsync(gap, CancellationToken.None);
        }
    }

    /// <summary>Counts the message and returns what the caller receives; null for a skipped kind.</summary>
    private JetstreamMessage? Accept(JetstreamConnection connection, JetstreamEvent jetstreamEvent, ReadRun run)
    {
        Interlocked.Increment(ref _counts[(int)Counter.Messages]);
        if (jetstreamEvent.Kind != JetstreamEventKind.Malformed && jetstreamEvent.TimeUs > run.LastTimeUs.GetValueOrDefault())
        {
            run.LastTimeUs = jetstreamEvent.TimeUs;
        }

        var counter = jetstreamEvent.Kind switch
        {
            JetstreamEventKind.Post => Counter.Posts,
            JetstreamEventKind.Repost => Counter.Reposts,
            JetstreamEventKind.Delete => Counter.Deletes,
            JetstreamEventKind.Identity => Counter.Identity,
            JetstreamEventKind.Account => Counter.Account,
            JetstreamEventKind.OtherCollection => Counter.OtherCollection,
            JetstreamEventKind.UnknownKind => Counter.UnknownKind,
            _ => connection.OverSizeLength > 0 ? Counter.OverSize : Counter.Malformed,
        };
        Interlocked.Increment(ref _counts[(int)counter]);
        if (counter is Counter.Identity or Counter.Account or Counter.OtherCollection or Counter.UnknownKind)
        {
            return null;
        }

        if (counter == Counter.Malformed)
        {
            _logger.LogDebug("Malformed Jetstream message from {Instance}: {Reason}", connection.Instance.Host, jetstreamEvent.MalformedReason);
        }

        return new JetstreamMessage(_copyPayload(connection.Message.Span), jetstreamEvent, connection.LastMessageAt!.Value, connection.Instance);
    }

    private async Task WaitToReconnectAsync(ReadRun run, string reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _counts[(int)Counter.Failures]);
        var failed = _instances[run.InstanceIndex % _instances.Count];
        run.InstanceIndex++;
        var next = _instances[run.InstanceIndex % _instances.Count];
        var delay = _backoff.Next();

        // Start the timer before announcing it, so an observer advancing a fake clock never misses it.
        var wait = Task.Delay(delay, _time, cancellationToken);
        SetState(new JetstreamConnectionState(JetstreamConnectionStatus.WaitingToReconnect, next, _time.GetUtcNow(), run.ResumeCursor(_options.CursorMargin), reason, delay, _backoff.Attempt));
        _logger.LogWarning(
            "Jetstream connection to {Failed} ended: {Reason}. Reconnecting to {Next} in {Delay} (attempt {Attempt}).", failed.Host, reason, next.Host, delay, _backoff.Attempt);
        try
        {
            await wait;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void SetState(JetstreamConnectionState state)
    {
        Volatile.Write(ref _state, state);
        _monitor?.StateChanged(state);
    }

    private long Count(Counter counter) => Volatile.Read(ref _counts[(int)counter]);

    private static JetstreamEvent Malformed(string reason) => new() { Kind = JetstreamEventKind.Malformed, MalformedReason = reason };

    private static DateTimeOffset TimeOfMicroseconds(long timeUs) => DateTimeOffset.UnixEpoch.AddTicks(timeUs * TimeSpan.TicksPerMicrosecond);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private enum Counter
    {
        Messages,
        Posts,
        Reposts,
        Deletes,
        Identity,
        Account,
        OtherCollection,
        UnknownKind,
        Malformed,
        OverSize,
        Connections,
        Failures,
    }

    /// <summary>The position and pending gap of one <see cref="ReadAsync"/>.</summary>
    private sealed class ReadRun(long? lastCommittedTimeUs, long startedTimeUs)
    {
        /// <summary>The newest time_us read (or committed before the run); the cursor resumes from it.</summary>
        public long? LastTimeUs { get; set; } = lastCommittedTimeUs;

        public int InstanceIndex { get; set; }

        public DateTimeOffset? GapFrom { get; set; }

        public string? GapReason { get; set; }

        private bool HasFailed { get; set; }

        /// <summary>
        /// The cursor of the next connection: after the newest event read; after the run's start when a failure came
        /// before any event; none (live tail) for a first run's first connection.
        /// </summary>
        public long? ResumeCursor(TimeSpan margin) =>
            LastTimeUs is { } last ? JetstreamSubscription.ResumeCursor(last, margin)
            : HasFailed ? JetstreamSubscription.ResumeCursor(startedTimeUs, margin)
            : null;

        /// <summary>A failure: opens a gap from <paramref name="at"/> unless one is open already (its first reason stays).</summary>
        public void Failed(DateTimeOffset at, string reason)
        {
            HasFailed = true;
            GapFrom ??= at;
            GapReason ??= reason;
        }
    }
}
