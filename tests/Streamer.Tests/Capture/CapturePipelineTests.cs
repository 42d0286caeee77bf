using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources.Replay;

namespace TrendingTv.Streamer.Tests.Capture;

public sealed class CapturePipelineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = TestFiles.NewScratchFolder();
    private string DbPath => Path.Combine(_folder, "capture.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_replayed_payload_is_stored_intact_while_the_arena_reuses_its_chunks_across_many_batches()
    {
        // Payloads of varied sizes in small batches: the arena's chunks are released and refilled many times over.
        var lines = Enumerable.Range(1, 3000).Select(i => Payload(i, padding: (i * 37) % 2000)).ToList();
        var file = Path.Combine(_folder, "posts.jsonl");
        await File.WriteAllLinesAsync(file, lines);
        await using var store = PostStore.Open(DbPath);

        var summary = await new CapturePipeline(store, new CaptureOptions { DatabasePath = DbPath, BatchSize = 100, BatchMaxBytes = 64 * 1024 })
            .RunAsync(new ReplaySource([file]).ReadAsync());

        Assert.Equal(3000, summary.Inserted);
        var stored = await store.ReadHourAsync(Hour).Select(p => Encoding.UTF8.GetString(p.Payload)).ToListAsync();
        Assert.Equal(lines, stored);
    }

    [Fact]
    public async Task Posts_read_but_not_committed_stay_under_twice_the_batch_bytes()
    {
        const int batchBytes = 16 * 1024;
        var source = new CountingSource(count: 2000, padding: 900);
        long committedBytes = 0, worstUncommitted = 0;
        await using var store = PostStore.Open(DbPath);
        var pipeline = new CapturePipeline(store, new CaptureOptions { DatabasePath = DbPath, BatchMaxBytes = batchBytes })
        {
            Committed = batch =>
            {
                worstUncommitted = Math.Max(worstUncommitted, source.YieldedBytes - committedBytes);
                committedBytes += batch.Posts.Sum(p => p.Payload.Length);
            },
        };

        var summary = await pipeline.RunAsync(source.ReadAsync());

        Assert.Equal(2000, summary.Inserted);
        Assert.InRange(worstUncommitted, batchBytes, (2 * batchBytes) + source.LargestPayload);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_store_that_fails_stops_the_capture_with_its_error_instead_of_leaving_the_reader_waiting()
    {
        var store = PostStore.Open(DbPath);
        await store.DisposeAsync(); // every write now fails
        var source = new CountingSource(count: 100_000, padding: 100);

        var run = new CapturePipeline(store, new CaptureOptions { DatabasePath = DbPath, BatchSize = 16 }).RunAsync(source.ReadAsync());

        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => run);
        Assert.True(source.YieldedCount < 100_000);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_commits_the_posts_already_read()
    {
        await using var store = PostStore.Open(DbPath);
        using var stop = new CancellationTokenSource();
        var source = new CountingSource(count: 10, padding: 10) { AfterLast = stop.Cancel, WaitAtEnd = true };

        var summary = await new CapturePipeline(store, new CaptureOptions { DatabasePath = DbPath, BatchMaxDelay = TimeSpan.FromHours(1) })
            .RunAsync(source.ReadAsync(stop.Token), stop.Token);

        Assert.Equal(10, summary.Inserted);
        Assert.Equal(10, await store.CountPostsAsync());
    }

    private static string Payload(long id, int padding) =>
        $$$"""{"data":{"id":"{{{id}}}","created_at":"{{{Hour.AddSeconds(id % 3600):yyyy-MM-ddTHH:mm:ss}}}.000Z","text":"{{{new string('x', padding)}}}"}}""";

    /// <summary>A source of generated posts that counts what it has handed out.</summary>
    private sealed class CountingSource(int count, int padding)
    {
        private readonly PayloadArena _payloads = new();

        public long YieldedBytes { get; private set; }

        public int YieldedCount { get; private set; }

        public int LargestPayload { get; private set; }

        public Action? AfterLast { get; init; }

        public bool WaitAtEnd { get; init; }

        public async IAsyncEnumerable<CapturedPost> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 1; i <= count; i++)
            {
                var payload = _payloads.Copy(Encoding.UTF8.GetBytes(Payload(i, padding)));
                YieldedBytes += payload.Length;
                YieldedCount++;
                LargestPayload = Math.Max(LargestPayload, payload.Length);
                yield return new CapturedPost(PostSources.X, i, Hour, Hour, payload);
            }

            AfterLast?.Invoke();
            if (WaitAtEnd)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
