using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// The posts store, in the capture database: each captured post once (by id) with its source and payload as
/// received, the per (source, hour) counts (seen, kept, over the cap: for the cap and the upload bookkeeping) and
/// the sources' checkpoints. Posts are written in batched transactions; <see cref="WriteBatchAsync"/> returns only
/// after the batch has committed, which is when its posts count as acknowledged.
/// </summary>
public sealed class PostStore : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS posts(
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL DEFAULT 'x',
            hour INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            payload BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS posts_by_source_hour ON posts(source, hour);
        CREATE TABLE IF NOT EXISTS hour_counts(
            source TEXT NOT NULL,
            hour INTEGER NOT NULL,
            seen INTEGER NOT NULL,
            captured INTEGER NOT NULL,
            over_cap INTEGER NOT NULL,
            PRIMARY KEY(source, hour));
        CREATE TABLE IF NOT EXISTS checkpoints(
            source TEXT PRIMARY KEY,
            offset INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS deletes(
            source TEXT NOT NULL,
            id INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            record BLOB NOT NULL,
            logged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(source, id));
        """;

    // Stores made before posts had a source hold X posts only: the posts get a source column ('x'), the hour
    // counts are rebuilt keyed by (source, hour) with seen = kept + over the cap (what the old build received).
    private const string MigrateFromXOnly = """
        ALTER TABLE posts ADD COLUMN source TEXT NOT NULL DEFAULT 'x';
        DROP INDEX IF EXISTS posts_by_hour;
        ALTER TABLE hour_counts RENAME TO hour_counts_x_only;
        CREATE TABLE hour_counts(
            source TEXT NOT NULL,
            hour INTEGER NOT NULL,
            seen INTEGER NOT NULL,
            captured INTEGER NOT NULL,
            over_cap INTEGER NOT NULL,
            PRIMARY KEY(source, hour));
        INSERT INTO hour_counts(source, hour, seen, captured, over_cap) SELECT 'x', hour, captured + over_cap, captured, over_cap FROM hour_counts_x_only;
        DROP TABLE hour_counts_x_only;
        """;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection? _writer;
    private readonly HourCountBook? _hours;
    private readonly DeleteBook? _deletes;
    private readonly PostInsertStatement? _insertPost;
    private readonly SqliteCommand? _upsertCheckpoint;
    private int _disposed;

    private PostStore(CaptureDatabase database, int hourlyCap)
    {
        Database = database;
        HourlyCap = hourlyCap;
        if (database.ReadOnly)
        {
            using var reader = database.OpenReader();
            if (!CaptureDatabase.HasColumn(reader, "posts", "source"))
            {
                throw new InvalidOperationException($"The capture store '{database.DatabasePath}' was made by an older streamer; run 'streamer upload' once to bring it up to date.");
            }

            return;
        }

        _writer = database.OpenWriter();
        CreateOrMigrate(_writer);
        _insertPost = new PostInsertStatement(_writer);
        _hours = new HourCountBook(_writer);
        _deletes = new DeleteBook(_writer);
        _upsertCheckpoint = CaptureDatabase.Command(_writer, "INSERT INTO checkpoints(source, offset) VALUES($key, $offset) ON CONFLICT(source) DO UPDATE SET offset = excluded.offset", "$key", "$offset");
    }

    public CaptureDatabase Database { get; }

    /// <summary>Posts kept per (source, received hour); 0 = unlimited.</summary>
    public int HourlyCap { get; }

    /// <summary>Opens (creating or migrating its tables if needed) the posts store of <paramref name="database"/>.</summary>
    public static PostStore Open(CaptureDatabase database, int hourlyCap = 0)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfNegative(hourlyCap);
        return new PostStore(database, hourlyCap);
    }

    /// <summary>Convenience: the posts store of the database at <paramref name="path"/>.</summary>
    public static PostStore Open(string path, int hourlyCap = 0) => Open(CaptureDatabase.Open(path), hourlyCap);

    /// <summary>
    /// Stores a batch in one transaction: each post once by id (duplicates ignored), at most the hourly cap per
    /// (source, received hour), the latest checkpoint of each key in the batch, and the hour's seen count (every post
    /// of the batch, plus <paramref name="alsoSeen"/>: events the source received but did not yield). Returns after commit.
    /// </summary>
    public async Task<BatchResult> WriteBatchAsync(IReadOnlyList<CapturedPost> posts, IReadOnlyList<SeenCount>? alsoSeen = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posts);
        if (posts.Count == 0 && (alsoSeen is null || alsoSeen.Count == 0))
        {
            return new BatchResult(0, 0, 0);
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0 || _writer is null, this);
            return WriteBatch(posts, alsoSeen ?? []);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private BatchResult WriteBatch(IReadOnlyList<CapturedPost> posts, IReadOnlyList<SeenCount> alsoSeen)
    {
        using var transaction = _writer!.BeginTransaction();
        _hours!.Begin(transaction, HourlyCap);
        _upsertCheckpoint!.Transaction = transaction;
        int inserted = 0, duplicates = 0, overCap = 0;
        List<long>? overCapIds = null;
        var checkpoints = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            var hour = CaptureDatabase.HourOf(post.ReceivedAt);
            if (post.Kind == CapturedKind.Delete)
            {
                if (_deletes!.Apply(post, transaction, out var postHour) == DeleteOutcome.Removed)
                {
                    _hours.Removed(post.Source, postHour);
                }
            }
            else if (post.Kind == CapturedKind.Progress)
            {
                // only its checkpoint, below
            }
            else if (!_hours.TryKeep(post.Source, hour))
            {
                overCap++;
                (overCapIds ??= []).Add(post.Id);
            }
            else if (_insertPost!.Insert(post.Id, post.Source, hour, post.ReceivedAt.ToUnixTimeMilliseconds(), post.CreatedAt.ToUnixTimeMilliseconds(), post.Payload.Span))
            {
                _hours.Kept(post.Source, hour);
                inserted++;
            }
            else
            {
                duplicates++;
            }

            if (post.Checkpoint is { } checkpoint)
            {
                checkpoints[checkpoint.Key] = checkpoint.Offset;
            }
        }

        foreach (var seen in alsoSeen)
        {
            _hours.Seen(seen.Source, CaptureDatabase.HourOf(seen.Hour), seen.Count);
        }

        var bySource = _hours.Save();
        SaveCheckpoints(checkpoints);
        transaction.Commit();
        return new BatchResult(inserted, duplicates, overCap) { OverCapIds = overCapIds ?? [], BySource = bySource };
    }

    private void SaveCheckpoints(Dictionary<string, long> checkpoints)
    {
        foreach (var (key, offset) in checkpoints)
        {
            _upsertCheckpoint!.Parameters[0].Value = key;
            _upsertCheckpoint.Parameters[1].Value = offset;
            _upsertCheckpoint.ExecuteNonQuery();
        }
    }

    /// <summary>The committed checkpoints (replay files, a live source's cursor), for resuming.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        await using var command = CaptureDatabase.Command(connection, "SELECT source, offset FROM checkpoints");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }

    /// <summary>Per (source, hour) counts, by source then hour.</summary>
    public async Task<IReadOnlyList<HourCount>> ReadHourCountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = new List<HourCount>();
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        await using var command = CaptureDatabase.Command(connection, "SELECT source, hour, seen, captured, over_cap FROM hour_counts ORDER BY source, hour");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new HourCount(reader.GetString(0), CaptureDatabase.Hour(reader.GetInt64(1)), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return counts;
    }

    /// <summary>The number of posts currently stored (not yet purged).</summary>
    public async Task<long> CountPostsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        await using var command = CaptureDatabase.Command(connection, "SELECT count(*) FROM posts");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The ids and received times of the latest <paramref name="limit"/> posts of <paramref name="source"/> stored in
    /// the hours from <paramref name="fromHour"/> on, oldest first (no payloads: a restart's repost window needs only these).
    /// </summary>
    public async Task<IReadOnlyList<(long Id, DateTimeOffset ReceivedAt)>> ReadLatestIdsAsync(string source, DateTimeOffset fromHour, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        await using var command = CaptureDatabase.Command(
            connection,
            "SELECT id, received_at FROM posts WHERE source = $source AND hour >= $hour ORDER BY received_at DESC, id DESC LIMIT $limit",
            "$source",
            "$hour",
            "$limit");
        command.Parameters[0].Value = source;
        command.Parameters[1].Value = CaptureDatabase.HourOf(fromHour);
        command.Parameters[2].Value = limit;
        var latest = new List<(long, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latest.Add((reader.GetInt64(0), CaptureDatabase.Instant(reader.GetInt64(1))));
        }

        latest.Reverse();
        return latest;
    }

    /// <summary>
    /// Streams the stored posts of one source's received hour, from one read snapshot, without holding the hour in
    /// memory: X posts in id order; Bluesky events in the order Jetstream relayed them (created_at is their time_us),
    /// so that a repost follows the post it is about.
    /// </summary>
    public async IAsyncEnumerable<StoredPost> ReadHourAsync(string source, DateTimeOffset hour, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        var order = source == PostSources.Bluesky ? "created_at, id" : "id";
        await using var command = CaptureDatabase.Command(connection, $"SELECT id, created_at, received_at, payload FROM posts WHERE source = $source AND hour = $hour ORDER BY {order}", "$source", "$hour");
        command.Parameters[0].Value = source;
        command.Parameters[1].Value = CaptureDatabase.HourOf(hour);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredPost(reader.GetInt64(0), CaptureDatabase.Instant(reader.GetInt64(1)), CaptureDatabase.Instant(reader.GetInt64(2)), (byte[])reader.GetValue(3));
        }
    }

    /// <summary>Convenience for X: the posts of one received hour.</summary>
    public IAsyncEnumerable<StoredPost> ReadHourAsync(DateTimeOffset hour, CancellationToken cancellationToken = default) =>
        ReadHourAsync(PostSources.X, hour, cancellationToken);

    /// <summary>
    /// Deletes the stored posts of one source's hour, in one transaction, only if the hour still holds
    /// <paramref name="expectedKept"/> posts (the count the caller uploaded); returns the posts deleted, or null when
    /// the count changed meanwhile (nothing is deleted).
    /// </summary>
    public async Task<long?> DeleteHourAsync(string source, DateTimeOffset hour, long expectedKept, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0 || _writer is null, this);
            await using var transaction = _writer.BeginTransaction();
            await using var count = CaptureDatabase.Command(_writer, "SELECT coalesce((SELECT captured FROM hour_counts WHERE source = $source AND hour = $hour), 0)", "$source", "$hour");
            count.Transaction = transaction;
            count.Parameters[0].Value = source;
            count.Parameters[1].Value = CaptureDatabase.HourOf(hour);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! != expectedKept)
            {
                return null;
            }

            await using var delete = CaptureDatabase.Command(_writer, "DELETE FROM posts WHERE source = $source AND hour = $hour", "$source", "$hour");
            delete.Transaction = transaction;
            delete.Parameters[0].Value = source;
            delete.Parameters[1].Value = CaptureDatabase.HourOf(hour);
            var deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The received hours (before <paramref name="closedBefore"/>) holding deletes of uploaded posts not yet in the lake's deletes log.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> ReadDeleteHoursToLogAsync(string source, DateTimeOffset closedBefore, CancellationToken cancellationToken = default)
    {
        var hours = new List<DateTimeOffset>();
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        await using var command = CaptureDatabase.Command(connection, "SELECT DISTINCT hour FROM deletes WHERE source = $source AND logged = 0 AND hour < $before ORDER BY hour", "$source", "$before");
        command.Parameters[0].Value = source;
        command.Parameters[1].Value = CaptureDatabase.HourOf(closedBefore);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hours.Add(CaptureDatabase.Hour(reader.GetInt64(0)));
        }

        return hours;
    }

    /// <summary>Every delete record received in the hour (logged or not), in id order: the hour's whole deletes log.</summary>
    public async Task<IReadOnlyList<byte[]>> ReadDeletesAsync(string source, DateTimeOffset hour, CancellationToken cancellationToken = default)
    {
        var records = new List<byte[]>();
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        await using var command = CaptureDatabase.Command(connection, "SELECT record FROM deletes WHERE source = $source AND hour = $hour ORDER BY id", "$source", "$hour");
        command.Parameters[0].Value = source;
        command.Parameters[1].Value = CaptureDatabase.HourOf(hour);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add((byte[])reader.GetValue(0));
        }

        return records;
    }

    /// <summary>Marks the hour's deletes as in the lake's log; deletes of logged hours older than <paramref name="forgetBefore"/> are forgotten.</summary>
    public async Task MarkDeletesLoggedAsync(string source, DateTimeOffset hour, DateTimeOffset forgetBefore, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0 || _writer is null, this);
            await using var mark = CaptureDatabase.Command(_writer, "UPDATE deletes SET logged = 1 WHERE source = $source AND hour = $hour", "$source", "$hour");
            mark.Parameters[0].Value = source;
            mark.Parameters[1].Value = CaptureDatabase.HourOf(hour);
            await mark.ExecuteNonQueryAsync(cancellationToken);
            await using var forget = CaptureDatabase.Command(_writer, "DELETE FROM deletes WHERE logged = 1 AND hour < $before", "$before");
            forget.Parameters[0].Value = CaptureDatabase.HourOf(forgetBefore);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writeLock.WaitAsync();
        try
        {
            _insertPost?.Dispose();
            _hours?.Dispose();
            _deletes?.Dispose();
            if (_upsertCheckpoint is not null)
            {
                await _upsertCheckpoint.DisposeAsync();
            }

            if (_writer is not null)
            {
                await _writer.DisposeAsync();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void CreateOrMigrate(SqliteConnection writer)
    {
        using var transaction = writer.BeginTransaction();
        if (CaptureDatabase.HasTable(writer, "posts", transaction) && !CaptureDatabase.HasColumn(writer, "posts", "source", transaction))
        {
            CaptureDatabase.Execute(writer, MigrateFromXOnly, transaction);
        }

        CaptureDatabase.Execute(writer, Schema, transaction);
        transaction.Commit();
    }
}
