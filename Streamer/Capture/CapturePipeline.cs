using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.Streamer.Telemetry;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// The batch committer: moves posts from a source (a live stream or a replay) into the <see cref="PostStore"/> in
/// batched transactions. A batch commits when it reaches <see cref="CaptureOptions.BatchSize"/> posts or
/// <see cref="CaptureOptions.BatchMaxBytes"/>, or <see cref="CaptureOptions.BatchMaxDelay"/> after its first post.
/// Reading and committing overlap: a bounded channel sits between them, and a byte gate stops the reader while
/// 2 x <see cref="CaptureOptions.BatchMaxBytes"/> are read but not committed. When the token is cancelled the source
/// stops and what was read is still committed (graceful shutdown loses nothing that was read).
/// <see cref="Committed"/> is raised after each commit (the acknowledgement); then the batch's payloads go back
/// to their <see cref="PayloadArena"/>.
/// </summary>
public sealed class CapturePipeline
{
    private readonly PostStore _store;
    private readonly CaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StreamerMetrics? _metrics;

    public CapturePipeline(PostStore store, CaptureOptions? options = null, TimeProvider? time = null, ILogger<CapturePipeline>? logger = null, StreamerMetrics? metrics = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new CaptureOptions();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _metrics = metrics;
    }

    /// <summary>Called after each batch commits, on the committing thread. The posts' payloads are released when it returns.</summary>
    public Action<CommittedBatch>? Committed { get; set; }

    /// <summary>Captures every post of <paramref name="posts"/> until it ends or the token is cancelled; then commits what was read.</summary>
    public Task<CaptureSummary> RunAsync(IAsyncEnumerable<CapturedPost> posts, CancellationToken cancellationToken = default) =>
        RunAsync(posts, null, cancellationToken);

    /// <summary>As <see cref="RunAsync(IAsyncEnumerable{CapturedPost}, CancellationToken)"/>, adding the events the source filtered out (<paramref name="filtered"/>) to the hours' seen counts at each commit.</summary>
    public async Task<CaptureSummary> RunAsync(IAsyncEnumerable<CapturedPost> posts, SeenTally? filtered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var started = _time.GetTimestamp();
        using var uncommitted = new UncommittedBytes(2 * _options.BatchMaxBytes);
        var channel = Channel.CreateBounded<CapturedPost>(new BoundedChannelOptions(Math.Max(_options.BatchSize, 16))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // The reader stops on cancellation; the committer drains whatever was read. If committing fails, the reader
        // is stopped too (it may be waiting for room that will never come).
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(posts, channel.Writer, uncommitted, stopReading.Token), CancellationToken.None);
        var totals = new Totals();
        try
        {
            await CommitAllAsync(channel.Reader, uncommitted, filtered, totals);
            await channel.Reader.Completion; // rethrows a source failure
        }
        finally
        {
            await stopReading.CancelAsync(); // a no-op when the source has ended
            await reading;
        }

        var summary = totals.Summary(_time.GetElapsedTime(started));
        _logger.LogInformation(
            "Capture committed {Inserted} new posts ({Duplicates} duplicates, {OverCap} over the hourly cap) in {Batches} batches.",
            summary.Inserted, summary.Duplicates, summary.OverCap, summary.Batches);
        return summary;
    }

    /// <summary>The reading side: every post into the channel, past the byte gate; completes the channel at the end (with the source's error, if any).</summary>
    private static async Task ReadAsync(IAsyncEnumerable<CapturedPost> posts, ChannelWriter<CapturedPost> channel, UncommittedBytes uncommitted, CancellationToken stopReading)
    {
        try
        {
            await foreach (var post in posts.WithCancellation(stopReading))
            {
                await channel.WriteAsync(post, stopReading);
                await uncommitted.AddAsync(post.Payload.Length, stopReading);
            }

            channel.TryComplete();
        }
        catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
        {
            channel.TryComplete();
        }
        catch (Exception e)
        {
            channel.TryComplete(e);
        }
    }

    /// <summary>The committing side: fills and commits batches until the channel completes.</summary>
    private async Task CommitAllAsync(ChannelReader<CapturedPost> reader, UncommittedBytes uncommitted, SeenTally? filtered, Totals totals)
    {
        var batch = new List<CapturedPost>(_options.BatchSize);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var bytes = await FillBatchAsync(reader, batch);
            if (batch.Count == 0)
            {
                continue;
            }

            await CommitAsync(batch, filtered, totals);
            totals.PayloadBytes += bytes;
            uncommitted.Remove(bytes);
            batch = new List<CapturedPost>(_options.BatchSize);
        }

        // What the source filtered out after its last post.
        if (filtered?.Take() is { Count: > 0 } seen)
        {
            var result = await _store.WriteBatchAsync([], seen, CancellationToken.None);
            RecordMetrics(result);
        }
    }

    /// <summary>Takes posts into <paramref name="batch"/> until it is full (count or bytes) or its deadline passes; returns its payload bytes.</summary>
    private async Task<long> FillBatchAsync(ChannelReader<CapturedPost> reader, List<CapturedPost> batch)
    {
        long bytes = 0;
        var deadline = _time.GetUtcNow() + _options.BatchMaxDelay;
        while (batch.Count < _options.BatchSize && bytes < _options.BatchMaxBytes)
        {
            if (reader.TryRead(out var post))
            {
                batch.Add(post);
                bytes += post.Payload.Length;
                continue;
            }

            var wait = deadline - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero || !await WaitForMoreAsync(reader, wait))
            {
                break;
            }
        }

        return bytes;
    }

    /// <summary>Commits one batch (even when shutting down: what was read is not lost), acknowledges it and releases its payloads.</summary>
    private async Task CommitAsync(List<CapturedPost> batch, SeenTally? filtered, Totals totals)
    {
        var result = await _store.WriteBatchAsync(batch, filtered?.Take(), CancellationToken.None);
        totals.Add(result);
        RecordMetrics(result);
        Committed?.Invoke(new CommittedBatch(batch, result));
        foreach (var committed in batch)
        {
            PayloadArena.Release(committed.Payload);
        }

        if (result.OverCap > 0)
        {
            _logger.LogDebug("{OverCap} posts over the hourly cap of {Cap} were dropped.", result.OverCap, _options.HourlyCap);
        }
    }

    private void RecordMetrics(BatchResult result)
    {
        foreach (var (source, counts) in result.BySource)
        {
            _metrics?.Received(source, counts.Seen);
            _metrics?.Kept(source, Math.Max(0, counts.Kept)); // a batch of deletes only lowers the store's count, not the counter
        }
    }

    private async Task<bool> WaitForMoreAsync(ChannelReader<CapturedPost> reader, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait, _time);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The running totals of one run.</summary>
    private sealed class Totals
    {
        private long _inserted;
        private long _duplicates;
        private long _overCap;
        private long _batches;

        public long PayloadBytes { get; set; }

        public void Add(BatchResult result)
        {
            _inserted += result.Inserted;
            _duplicates += result.Duplicates;
            _overCap += result.OverCap;
            _batches++;
        }

        public CaptureSummary Summary(TimeSpan elapsed) => new(_inserted, _duplicates, _overCap, _batches, PayloadBytes, elapsed);
    }

    /// <summary>Payload bytes read but not yet committed; the reader waits in <see cref="AddAsync"/> while they are over the limit.</summary>
    private sealed class UncommittedBytes(long limit) : IDisposable
    {
        private readonly SemaphoreSlim _committed = new(0);
        private long _bytes;

        public async ValueTask AddAsync(long bytes, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _bytes, bytes);
            while (Volatile.Read(ref _bytes) >= limit)
            {
                await _committed.WaitAsync(cancellationToken);
            }
        }

        public void Remove(long bytes)
        {
            Interlocked.Add(ref _bytes, -bytes);
            _committed.Release();
        }

        public void Dispose() => _committed.Dispose();
    }
}
