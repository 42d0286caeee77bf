using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.Streamer.Replay;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// Moves posts from a source (the X stream or a replay) into the <see cref="CaptureStore"/> in
/// batched transactions: a batch commits when it reaches <see cref="CaptureOptions.BatchSize"/>
/// posts or <see cref="CaptureOptions.BatchMaxBytes"/>, or <see cref="CaptureOptions.BatchMaxDelay"/>
/// after its first post. Reading and committing overlap (a bounded channel sits between them).
/// When the token is cancelled the source stops and the current batch is still committed
/// (graceful shutdown loses nothing that was read). <see cref="Committed"/> is raised after each
/// commit — the acknowledgement — and then the batch's payloads are released to their <see cref="PayloadArena"/>.
/// </summary>
public sealed class CapturePipeline
{
    private readonly CaptureStore _store;
    private readonly CaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CapturePipeline(CaptureStore store, CaptureOptions? options = null, TimeProvider? time = null, ILogger<CapturePipeline>? logger = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new CaptureOptions();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Called after each batch commits, on the committing thread. The posts' payloads are released when it returns.</summary>
    public Action<CommittedBatch>? Committed { get; set; }

    /// <summary>Replays <paramref name="source"/> into the store, resuming each file after its last committed line.</summary>
    public async Task<CaptureSummary> ReplayAsync(ReplaySource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var checkpoints = await _store.ReadCheckpointsAsync(cancellationToken);
        return await RunAsync(source.ReadAsync(checkpoints, cancellationToken), cancellationToken);
    }

    /// <summary>Captures every post of <paramref name="posts"/> until it ends or the token is cancelled; then flushes the batch.</summary>
    public async Task<CaptureSummary> RunAsync(IAsyncEnumerable<CapturedPost> posts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var started = _time.GetTimestamp();
        // One batch may fill while the previous one commits: enough to overlap reading and committing. The
        // channel bounds the posts in memory; the byte gate bounds their payloads (2 x BatchMaxBytes).
        using var uncommitted = new UncommittedBytes(2 * _options.BatchMaxBytes);
        var channel = Channel.CreateBounded<CapturedPost>(new BoundedChannelOptions(Math.Max(_options.BatchSize, 16))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // The writer side stops on cancellation; the committing side drains whatever was read. If committing
        // fails, the reader is stopped too (it may be waiting for room that will never come).
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var post in posts.WithCancellation(stopReading.Token))
                    {
                        await channel.Writer.WriteAsync(post, stopReading.Token);
                        await uncommitted.AddAsync(post.Payload.Length, stopReading.Token);
                    }

                    channel.Writer.TryComplete();
                }
                catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
                {
                    channel.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    channel.Writer.TryComplete(e);
                }
            },
            CancellationToken.None);

        long inserted = 0, duplicates = 0, overCap = 0, batches = 0, bytes = 0;
        var reader = channel.Reader;
        var batch = new List<CapturedPost>(_options.BatchSize);
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                long batchBytes = 0;
                var deadline = _time.GetUtcNow() + _options.BatchMaxDelay;
                while (batch.Count < _options.BatchSize && batchBytes < _options.BatchMaxBytes)
                {
                    if (reader.TryRead(out var post))
                    {
                        batch.Add(post);
                        batchBytes += post.Payload.Length;
                        continue;
                    }

                    var wait = deadline - _time.GetUtcNow();
                    if (wait <= TimeSpan.Zero || !await WaitForMoreAsync(reader, wait))
                    {
                        break;
                    }
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                // Committed even when shutting down: what was read is not lost.
                var result = await _store.WriteBatchAsync(batch, CancellationToken.None);
                inserted += result.Inserted;
                duplicates += result.Duplicates;
                overCap += result.OverCap;
                bytes += batchBytes;
                batches++;
                Committed?.Invoke(new CommittedBatch(batch, result));
                foreach (var committed in batch)
                {
                    PayloadArena.Release(committed.Payload);
                }

                uncommitted.Remove(batchBytes);

                if (result.OverCap > 0)
                {
                    _logger.LogDebug("{OverCap} posts over the hourly cap of {Cap} were dropped.", result.OverCap, _options.HourlyCap);
                }

                batch = new List<CapturedPost>(_options.BatchSize);
            }

            await reader.Completion; // rethrows a source failure
        }
        finally
        {
            await stopReading.CancelAsync(); // a no-op when the source has ended
            await producer;
        }

        var summary = new CaptureSummary(inserted, duplicates, overCap, batches, bytes, _time.GetElapsedTime(started));
        _logger.LogInformation(
            "Capture committed {Inserted} new posts ({Duplicates} duplicates, {OverCap} over the hourly cap) in {Batches} batches.",
            summary.Inserted, summary.Duplicates, summary.OverCap, summary.Batches);
        return summary;
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
