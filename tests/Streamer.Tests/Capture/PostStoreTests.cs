using System.Text;
using Microsoft.Data.Sqlite;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Tests.Capture;

public sealed class PostStoreTests : IAsyncLifetime
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

    internal static CapturedPost Post(long id, DateTimeOffset received, SourceCheckpoint? checkpoint = null, string source = PostSources.X) =>
        new(source, id, received, received, Encoding.UTF8.GetBytes($$$"""{"data":{"id":"{{{id}}}","created_at":"{{{received:O}}}","text":"t"}}"""), checkpoint);

    [Fact]
    public async Task A_payload_that_is_a_slice_of_a_larger_buffer_is_stored_as_that_slice_only()
    {
        await using var store = PostStore.Open(DbPath);
        var payload = Encoding.UTF8.GetBytes("""{"data":{"id":"6","created_at":"2026-11-28T10:00:00Z","text":"slice"}}""");
        var buffer = new byte[payload.Length + 20];
        payload.CopyTo(buffer, 10);
        await store.WriteBatchAsync([new CapturedPost(PostSources.X, 6, Hour, Hour, buffer.AsMemory(10, payload.Length))]);

        var stored = Assert.Single(await store.ReadHourAsync(Hour).ToListAsync());

        Assert.Equal(payload, stored.Payload);
    }

    [Fact]
    public async Task The_store_uses_WAL_and_keeps_the_payload_exactly_as_received()
    {
        await using var store = PostStore.Open(DbPath);
        var payload = Encoding.UTF8.GetBytes("""{"data":{"id":"5","created_at":"2026-11-28T10:00:00Z","text":"caf\u00e9 &amp; \ud83d\udcfa"}}""");
        await store.WriteBatchAsync([new CapturedPost(PostSources.X, 5, Hour, Hour.AddMinutes(1), payload)]);

        var stored = Assert.Single(await store.ReadHourAsync(Hour).ToListAsync());

        Assert.Equal(payload, stored.Payload);
        Assert.Equal(Hour.AddMinutes(1), stored.ReceivedAt);
        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_latest_ids_of_a_source_from_an_hour_on_are_the_newest_ones_oldest_first()
    {
        await using var store = PostStore.Open(DbPath);
        await store.WriteBatchAsync(
        [
            Post(1, Hour.AddMinutes(-5), source: PostSources.Bluesky), // the hour before
            Post(2, Hour.AddMinutes(1), source: PostSources.Bluesky),
            Post(3, Hour.AddMinutes(2), source: PostSources.Bluesky),
            Post(4, Hour.AddMinutes(3), source: PostSources.Bluesky),
            Post(5, Hour.AddMinutes(4)), // another source
        ]);

        var latest = await store.ReadLatestIdsAsync(PostSources.Bluesky, Hour, limit: 2);

        Assert.Equal([(3L, Hour.AddMinutes(2)), (4L, Hour.AddMinutes(3))], latest);
        Assert.Equal([1L, 2L, 3L, 4L], (await store.ReadLatestIdsAsync(PostSources.Bluesky, Hour.AddHours(-1), limit: 10)).Select(p => p.Id));
    }

    [Fact]
    public async Task The_same_post_id_is_stored_once()
    {
        await using var store = PostStore.Open(DbPath);

        var first = await store.WriteBatchAsync([Post(1, Hour), Post(2, Hour), Post(1, Hour)]);
        var second = await store.WriteBatchAsync([Post(2, Hour.AddMinutes(5)), Post(3, Hour)]);

        Assert.Equal((2, 1), (first.Inserted, first.Duplicates));
        Assert.Equal((1, 1), (second.Inserted, second.Duplicates));
        Assert.Equal(3, await store.CountPostsAsync());
        Assert.Equal(3, Assert.Single(await store.ReadHourCountsAsync()).Kept);
    }

    [Fact]
    public async Task The_hourly_cap_drops_posts_beyond_it_per_received_hour_across_batches()
    {
        await using var store = PostStore.Open(DbPath, hourlyCap: 3);

        await store.WriteBatchAsync([Post(1, Hour), Post(2, Hour)]);
        var result = await store.WriteBatchAsync([Post(3, Hour), Post(4, Hour.AddMinutes(59)), Post(5, Hour.AddHours(1))]);

        Assert.Equal(2, result.Inserted);
        Assert.Equal(1, result.OverCap);
        Assert.Equal([4L], result.OverCapIds);
        var counts = await store.ReadHourCountsAsync();
        Assert.Equal([(Hour, 4L, 3L, 1L), (Hour.AddHours(1), 1L, 1L, 0L)], counts.Select(c => (c.Hour, c.Seen, c.Kept, c.OverCap)));
    }

    [Fact]
    public async Task A_checkpoint_is_committed_with_its_batch()
    {
        await using (var store = PostStore.Open(DbPath))
        {
            await store.WriteBatchAsync([Post(1, Hour, new SourceCheckpoint("a.jsonl", 100)), Post(2, Hour, new SourceCheckpoint("a.jsonl", 200))]);
        }

        await using var reopened = PostStore.Open(DbPath);
        Assert.Equal(200, (await reopened.ReadCheckpointsAsync())["a.jsonl"]);
    }

    [Fact]
    public async Task Hours_and_the_cap_are_kept_per_source_and_filtered_events_count_as_seen()
    {
        await using var store = PostStore.Open(DbPath, hourlyCap: 1);

        var result = await store.WriteBatchAsync(
            [Post(1, Hour), Post(2, Hour, source: PostSources.Bluesky), Post(3, Hour, source: PostSources.Bluesky)],
            [new SeenCount(PostSources.Bluesky, Hour, 40)]);

        Assert.Equal((2, 1), (result.Inserted, result.OverCap));
        var counts = await store.ReadHourCountsAsync();
        Assert.Equal(
            [(PostSources.Bluesky, 42L, 1L, 1L), (PostSources.X, 1L, 1L, 0L)],
            counts.Select(c => (c.Source, c.Seen, c.Kept, c.OverCap)));
        Assert.Equal([2L], await store.ReadHourAsync(PostSources.Bluesky, Hour).Select(p => p.Id).ToListAsync());
        Assert.Equal(new SourceTotals(42, 1), result.BySource[PostSources.Bluesky]);
    }

    [Fact]
    public async Task Deleting_an_hour_happens_only_while_its_count_is_the_one_uploaded()
    {
        await using var store = PostStore.Open(DbPath);
        await store.WriteBatchAsync([Post(1, Hour), Post(2, Hour)]);

        Assert.Null(await store.DeleteHourAsync(PostSources.X, Hour, expectedKept: 1));
        Assert.Equal(2, await store.CountPostsAsync());
        Assert.Equal(2, await store.DeleteHourAsync(PostSources.X, Hour, expectedKept: 2));
        Assert.Equal(0, await store.CountPostsAsync());
    }
}
