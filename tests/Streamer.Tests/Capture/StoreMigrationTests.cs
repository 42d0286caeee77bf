using Microsoft.Data.Sqlite;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Tests.Capture;

/// <summary>A store file made by the X-only build (its exact schema) opens, is migrated in place, and keeps every row.</summary>
public sealed class StoreMigrationTests : IDisposable
{
    private const string XOnlySchema = """
        CREATE TABLE posts(id INTEGER PRIMARY KEY, hour INTEGER NOT NULL, received_at INTEGER NOT NULL, created_at INTEGER NOT NULL, payload BLOB NOT NULL);
        CREATE INDEX posts_by_hour ON posts(hour);
        CREATE TABLE hour_counts(hour INTEGER PRIMARY KEY, captured INTEGER NOT NULL, over_cap INTEGER NOT NULL);
        CREATE TABLE checkpoints(source TEXT PRIMARY KEY, offset INTEGER NOT NULL);
        CREATE TABLE gaps(id INTEGER PRIMARY KEY AUTOINCREMENT, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, reason TEXT NOT NULL);
        CREATE TABLE sessions(id INTEGER PRIMARY KEY AUTOINCREMENT, started_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);
        CREATE TABLE uploads(hour INTEGER PRIMARY KEY, post_count INTEGER NOT NULL, canonical_count INTEGER NOT NULL, skipped_count INTEGER NOT NULL,
            quarantined_count INTEGER NOT NULL, raw_key TEXT, raw_bytes INTEGER NOT NULL, raw_sha256 TEXT, canonical_key TEXT,
            canonical_bytes INTEGER NOT NULL, canonical_sha256 TEXT, uploaded_at INTEGER NOT NULL, purged INTEGER NOT NULL DEFAULT 0);
        """;

    private static readonly DateTimeOffset Hour = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = TestFiles.NewScratchFolder();

    private string DbPath => Path.Combine(_folder, "old.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_store_of_the_X_only_build_opens_with_its_rows_as_X_rows()
    {
        MakeOldStore();
        var database = CaptureDatabase.Open(DbPath);

        await using var posts = PostStore.Open(database);
        var log = ConnectionLog.Open(database);
        var ledger = UploadLedger.Open(database);

        Assert.Equal(
            [(PostSources.X, Hour, 3L, 2L, 1L)],
            (await posts.ReadHourCountsAsync()).Select(c => (c.Source, c.Hour, c.Seen, c.Kept, c.OverCap)));
        Assert.Equal([1L, 2L], await posts.ReadHourAsync(PostSources.X, Hour).Select(p => p.Id).ToListAsync());
        Assert.Equal(100, (await posts.ReadCheckpointsAsync())["a.jsonl"]);
        var gap = Assert.Single(await log.ReadGapsAsync());
        Assert.Equal((PostSources.X, "HTTP 503", false), (gap.Source, gap.Reason, gap.Open));
        Assert.Equal(PostSources.X, Assert.Single(await log.ReadSessionsAsync()).Source);
        var entry = Assert.Single(await ledger.ReadAsync());
        Assert.Equal((PostSources.X, Hour, 2L, "tweet_raw/x"), (entry.Source, entry.Hour, entry.PostCount, entry.RawKey));

        // And it goes on working: a Bluesky post lands beside the X posts, in its own hour count.
        await posts.WriteBatchAsync([PostStoreTests.Post(3, Hour, source: PostSources.Bluesky)]);
        Assert.Equal(2, (await posts.ReadHourCountsAsync()).Count);
    }

    [Fact]
    public async Task Opening_a_migrated_store_again_changes_nothing()
    {
        MakeOldStore();
        await using (PostStore.Open(DbPath))
        {
        }

        await using var again = PostStore.Open(DbPath);

        Assert.Single(await again.ReadHourCountsAsync());
        Assert.Equal(2, await again.CountPostsAsync());
    }

    [Fact]
    public void A_read_only_look_at_an_old_store_changes_nothing_and_says_what_to_do()
    {
        MakeOldStore();

        var error = Assert.Throws<InvalidOperationException>(() => PostStore.Open(CaptureDatabase.Open(DbPath, readOnly: true)));

        Assert.Contains("older streamer", error.Message, StringComparison.Ordinal);
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        Assert.False(CaptureDatabase.HasColumn(connection, "posts", "source"));
    }

    private void MakeOldStore()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        connection.Open();
        var hour = Hour.ToUnixTimeSeconds();
        var ms = Hour.ToUnixTimeMilliseconds();
        CaptureDatabase.Execute(connection, XOnlySchema + $"""
            INSERT INTO posts VALUES(1, {hour}, {ms}, {ms}, X'7B7D');
            INSERT INTO posts VALUES(2, {hour}, {ms}, {ms}, X'7B7D');
            INSERT INTO hour_counts VALUES({hour}, 2, 1);
            INSERT INTO checkpoints VALUES('a.jsonl', 100);
            INSERT INTO gaps(started_at, ended_at, reason) VALUES({ms}, {ms + 5000}, 'HTTP 503');
            INSERT INTO sessions(started_at, last_seen_at) VALUES({ms}, {ms + 60000});
            INSERT INTO uploads VALUES({hour}, 2, 2, 0, 0, 'tweet_raw/x', 10, 'aa', 'tweets/x', 10, 'bb', {ms}, 0);
            """);
    }
}
