using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// The live Bluesky source: Jetstream events through the <see cref="JetstreamClient"/> and the
/// <see cref="ShowKeepFilter"/> into the capture pipeline. A post is kept when the filter keeps it; a repost when
/// the post it reposts was kept within the <see cref="RepostWindow{T}"/> (after a restart the window starts with the
/// posts the store kept in the cursor's hour and the hour before); every delete goes on to the store (which
/// removes a post not yet uploaded, or keeps the delete for the lake's deletes log). Posts and reposts not kept are
/// counted in <see cref="Filtered"/>; malformed messages go to the <see cref="IBlueskyQuarantine"/>; identity,
/// account and unknown events are counted by the client and skipped. Each item carries the checkpoint
/// <c>bluesky</c> = its <c>time_us</c>; when only filtered events pass for a second of stream time a progress item
/// carries it instead, so a restart resumes near where it stopped. Outages are reported to the
/// <see cref="IConnectionReporter"/> as gaps, as X's are.
/// </summary>
public sealed class BlueskySource : ICaptureSource
{
    /// <summary>The checkpoint key: the last committed <c>time_us</c>.</summary>
    public const string CheckpointKey = PostSources.Bluesky;

    private const long ProgressEveryUs = 1_000_000;

    private readonly IOptions<BlueskyOptions> _options;
    private readonly Func<CancellationToken, Task<ShowKeepFilter>> _filter;
    private readonly IConnectionReporter? _reporter;
    private readonly IBlueskyQuarantine? _quarantine;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILogger<JetstreamClient>? _clientLogger;
    private readonly RepostWindow<bool> _keptSubjects;
    private readonly Func<DateTimeOffset, int, CancellationToken, Task<IReadOnlyList<(long Id, DateTimeOffset ReceivedAt)>>>? _storedSince;
    private readonly PayloadArena _payloads = new();

    /// <param name="options">The <c>Bluesky</c> settings (instances, reconnects, <see cref="BlueskyOptions.KeepAll"/>).</param>
    /// <param name="filter">Builds the keep filter when capture starts (from the catalogue in effect); ignored with KeepAll.</param>
    /// <param name="reporter">Records connections and gaps; none when null.</param>
    /// <param name="quarantine">Keeps malformed messages with their reason; they are only counted when null.</param>
    /// <param name="time">The receive times and the client's timers.</param>
    /// <param name="logger">Progress and problems.</param>
    /// <param name="clientLogger">The Jetstream client's log.</param>
    /// <param name="repostWindowCapacity">The most kept posts remembered as repost subjects.</param>
    /// <param name="storedSince">The latest of the capture store's Bluesky events from an hour on (at most a count), to restore the repost window on a restart; none when null.</param>
    public BlueskySource(
        IOptions<BlueskyOptions> options,
        Func<CancellationToken, Task<ShowKeepFilter>> filter,
        IConnectionReporter? reporter = null,
        IBlueskyQuarantine? quarantine = null,
        TimeProvider? time = null,
        ILogger<BlueskySource>? logger = null,
        ILogger<JetstreamClient>? clientLogger = null,
        int repostWindowCapacity = RepostWindow<bool>.DefaultCapacity,
        Func<DateTimeOffset, int, CancellationToken, Task<IReadOnlyList<(long Id, DateTimeOffset ReceivedAt)>>>? storedSince = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _filter = filter ?? throw new ArgumentNullException(nameof(filter));
        _reporter = reporter;
        _quarantine = quarantine;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clientLogger = clientLogger;
        _keptSubjects = new RepostWindow<bool>(repostWindowCapacity);
        _storedSince = storedSince;
        Filtered = new SeenTally(Name);
    }

    public string Name => PostSources.Bluesky;

    /// <summary>Posts and reposts received but not kept, per received hour.</summary>
    public SeenTally? Filtered { get; }

    /// <summary>The client of the running (or last) read; null before the first.</summary>
    public JetstreamClient? Client { get; private set; }

    /// <summary>Malformed messages received (quarantined when a quarantine is given).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    private long _malformed;

    /// <inheritdoc/>
    public async IAsyncEnumerable<CapturedPost> ReadAsync(IReadOnlyDictionary<string, long> checkpoints, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var filter = _options.Value.KeepAll ? ShowKeepFilter.KeepAll : await _filter(cancellationToken);
        _logger.LogInformation(
            "Bluesky capture keeps {What}.",
            filter.KeepsEverything ? "every post (KeepAll)" : $"posts matching {filter.HashtagKeyCount} hashtag keys or {filter.TextKeyCount} text keys");
        long? committed = checkpoints.TryGetValue(CheckpointKey, out var c) ? c : null;
        if (committed is { } cursor)
        {
            await RememberStoredSubjectsAsync(RelayTime(cursor), cancellationToken);
        }

        var connection = new ConnectionReports(this);
        Client = new JetstreamClient(_options, connection, _time, _clientLogger);
        var lastYieldedUs = committed ?? 0;
        await foreach (var message in Client.ReadAsync(committed, cancellationToken))
        {
            await connection.ReceivedAsync(message.ReceivedAt);
            var jetstreamEvent = message.Event;
            if (jetstreamEvent.Kind == JetstreamEventKind.Malformed)
            {
                await QuarantineAsync(message);
                continue;
            }

            if (jetstreamEvent.TimeUs < committed)
            {
                continue; // replayed by the resume margin: handled before the restart
            }

            if (ToCaptured(message, filter) is { } captured)
            {
                lastYieldedUs = jetstreamEvent.TimeUs;
                yield return captured;
            }
            else if (jetstreamEvent.TimeUs - lastYieldedUs >= ProgressEveryUs)
            {
                lastYieldedUs = jetstreamEvent.TimeUs;
                yield return CapturedPost.Progress(Name, message.ReceivedAt, new SourceCheckpoint(CheckpointKey, jetstreamEvent.TimeUs));
            }
        }
    }

    /// <summary>
    /// A kept post or repost, a delete, or null for an event filtered out (counted). Its hour is the relay's
    /// (<c>time_us</c>), not this process's receive time: the same hour for a live read and for a catch-up from the
    /// cursor after an outage, so the lake's hour of an event never depends on when we happened to read it.
    /// </summary>
    private CapturedPost? ToCaptured(JetstreamMessage message, ShowKeepFilter filter)
    {
        var jetstreamEvent = message.Event;
        var checkpoint = new SourceCheckpoint(CheckpointKey, jetstreamEvent.TimeUs);
        var relayedAt = RelayTime(jetstreamEvent.TimeUs);
        switch (jetstreamEvent.Kind)
        {
            case JetstreamEventKind.Post:
                var record = BlueskyCanonicalPosts.FromPost(jetstreamEvent);
                if (filter.Keeps(record))
                {
                    _keptSubjects.Add(record.Id, relayedAt, true);
                    return new CapturedPost(Name, record.Id, relayedAt, relayedAt, _payloads.Copy(message.Payload.Span), checkpoint);
                }

                break;
            case JetstreamEventKind.Repost:
                if (_keptSubjects.TryGet(BlueskyCanonicalPosts.IdOf(jetstreamEvent.SubjectUri!), relayedAt, out _))
                {
                    return new CapturedPost(Name, BlueskyCanonicalPosts.IdOf(jetstreamEvent.RecordUri!), relayedAt, relayedAt, _payloads.Copy(message.Payload.Span), checkpoint);
                }

                break;
            case JetstreamEventKind.Delete:
                var id = BlueskyCanonicalPosts.IdOf(jetstreamEvent.RecordUri!);
                return CapturedPost.Delete(Name, id, relayedAt, BlueskyDeleteRecord.Of(jetstreamEvent), checkpoint);
            default:
                return null;
        }

        Filtered!.Add(relayedAt);
        return null;
    }

    private static DateTimeOffset RelayTime(long timeUs) => DateTimeOffset.UnixEpoch.AddTicks(timeUs * TimeSpan.TicksPerMicrosecond);

    /// <summary>
    /// On a restart, puts back in the repost window what the store kept in the cursor's hour and the hour before (the
    /// latest, up to the window's capacity, oldest first), so that a repost relayed just after the restart counts when
    /// its subject was kept just before it. The store's Bluesky events are kept posts and kept reposts; a repost's id
    /// in the window is harmless (no repost is about a repost). Hours already uploaded and purged
    /// (<c>Upload:Retention</c>) are not there.
    /// </summary>
    private async Task RememberStoredSubjectsAsync(DateTimeOffset cursor, CancellationToken cancellationToken)
    {
        if (_storedSince is null)
        {
            return;
        }

        var from = LakeLayout.HourOf(cursor).AddHours(-1);
        var stored = await _storedSince(from, _keptSubjects.Capacity, cancellationToken);
        foreach (var (id, receivedAt) in stored)
        {
            _keptSubjects.Add(id, receivedAt, true);
        }

        _logger.LogInformation("Bluesky capture resumes with {Count} events kept since {From:u} as repost subjects.", stored.Count, from);
    }

    private async ValueTask QuarantineAsync(JetstreamMessage message)
    {
        var count = Interlocked.Increment(ref _malformed);
        if (count <= 10 || (count & (count - 1)) == 0)
        {
            _logger.LogWarning("Malformed Jetstream message from {Instance} quarantined ({Count} so far): {Reason}", message.Instance.Host, count, message.Event.MalformedReason);
        }

        if (_quarantine is not null)
        {
            await _quarantine.AddAsync(message, CancellationToken.None);
        }
    }

    /// <summary>
    /// Turns the client's reports into the connection reporter's: a failure opens a gap from the last message received
    /// (recorded at once, so a crash during an outage leaves it recorded), the next message closes it; a gap the client
    /// finds later (a cursor older than the instance keeps) is recorded as it was.
    /// </summary>
    private sealed class ConnectionReports(BlueskySource source) : IJetstreamMonitor
    {
        private readonly Lock _lock = new();
        private Task _pending = Task.CompletedTask;
        private DateTimeOffset? _lastMessageAt;
        private bool _connected;

        public void StateChanged(JetstreamConnectionState state)
        {
            if (state.Status != JetstreamConnectionStatus.WaitingToReconnect || source._reporter is not { } reporter)
            {
                return;
            }

            lock (_lock)
            {
                var since = _connected ? _lastMessageAt ?? state.Since : state.Since;
                _connected = false;
                var previous = _pending;
                _pending = ReportAsync(previous, () => reporter.DisconnectedAsync(source.Name, since, KindOf(state.Reason), state.Reason ?? "disconnected", CancellationToken.None));
            }
        }

        public async ValueTask GapAsync(JetstreamGap gap, CancellationToken cancellationToken)
        {
            if (source._reporter is not { } reporter)
            {
                return;
            }

            await Pending();
            await reporter.DisconnectedAsync(source.Name, gap.From, KindOf(gap.Reason), gap.Reason, CancellationToken.None);
            await reporter.ConnectedAsync(source.Name, gap.To, CancellationToken.None);
            _connected = true;
        }

        /// <summary>A message arrived: the first since start or since a failure reports the source connected.</summary>
        public async ValueTask ReceivedAsync(DateTimeOffset at)
        {
            _lastMessageAt = at;
            if (_connected || source._reporter is not { } reporter)
            {
                return;
            }

            await Pending();
            await reporter.ConnectedAsync(source.Name, at, CancellationToken.None);
            _connected = true;
        }

        private Task Pending()
        {
            lock (_lock)
            {
                return _pending;
            }
        }

        private static async Task ReportAsync(Task previous, Func<ValueTask> report)
        {
            await previous;
            await report();
        }

        private static string KindOf(string? reason) => reason switch
        {
            null => DisconnectKinds.Network,
            _ when reason.Contains("stall", StringComparison.OrdinalIgnoreCase) || reason.Contains("no message", StringComparison.OrdinalIgnoreCase) => DisconnectKinds.Stall,
            _ when reason.Contains("HTTP", StringComparison.Ordinal) => DisconnectKinds.Http,
            _ when reason.Contains("clos", StringComparison.OrdinalIgnoreCase) => DisconnectKinds.Closed,
            _ => DisconnectKinds.Network,
        };
    }
}
