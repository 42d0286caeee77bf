using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using TrendingTv.DataLake.Layout;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// The capture store: one SQLite file in WAL mode holding each captured post once (by id) with its
/// payload as received, the per-hour counts (for the cap and for upload bookkeeping), replay
/// checkpoints, stream disconnect gaps, live-capture sessions and the upload ledger.
/// Writes of posts happen in batched transactions; <see cref="WriteBatchAsync"/> returns only after
/// the batch has committed, which is when its posts count as acknowledged.
/// </summary>
public sealed class CaptureStore : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS posts(
            id INTEGER PRIMARY KEY,
            hour INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            payload BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS posts_by_hour ON posts(hour);
        CREATE TABLE IF NOT EXISTS hour_counts(
            hour INTEGER PRIMARY KEY,
            captured INTEGER NOT NULL,
            over_cap INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS checkpoints(
            source TEXT PRIMARY KEY,
            offset INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS gaps(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NOT NULL,
            reason TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sessions(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS uploads(
            hour INTEGER PRIMARY KEY,
            post_count INTEGER NOT NULL,
            canonical_count INTEGER NOT NULL,
            skipped_count INTEGER NOT NULL,
            quarantined_count INTEGER NOT NULL,
            raw_key TEXT, raw_bytes INTEGER NOT NULL, raw_sha256 TEXT,
            canonical_key TEXT, canonical_bytes INTEGER NOT NULL, canonical_sha256 TEXT,
            uploaded_at INTEGER NOT NULL,
            purged INTEGER NOT NULL DEFAULT 0);
        """;

    private const int PageBytes = 32 * 1024;

    private readonly string _connectionString;
    private readonly int _hourlyCap;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _disposed;
    private readonly SqliteConnection _writer;
    private readonly PostInsertStatement _insertPost;
    private readonly SqliteCommand _readHourCount;
    private readonly SqliteCommand _upsertHourCount;
    private readonly SqliteCommand _upsertCheckpoint;

    private CaptureStore(string path, SqliteConnection writer, int hourlyCap, string connectionString)
    {
        DatabasePath = path;
        _writer = writer;
        _hourlyCap = hourlyCap;
        _connectionString = connectionString;
        _insertPost = new PostInsertStatement(writer);
        _readHourCount = Command(writer, "SELECT captured FROM hour_counts WHERE hour = $hour", "$hour");
        _upsertHourCount = Command(writer, "INSERT INTO hour_counts(hour, captured, over_cap) VALUES($hour, $captured, $over) ON CONFLICT(hour) DO UPDATE SET captured = captured + excluded.captured, over_cap = over_cap + excluded.over_cap", "$hour", "$captured", "$over");
        _upsertCheckpoint = Command(writer, "INSERT INTO checkpoints(source, offset) VALUES($source, $offset) ON CONFLICT(source) DO UPDATE SET offset = excluded.offset", "$source", "$offset");
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens (creating if needed) the store at <paramref name="options"/>' database path.</summary>
    public static async Task<CaptureStore> OpenAsync(CaptureOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        try
        {
            await writer.OpenAsync(cancellationToken);
            var synchronous = string.Equals(options.Synchronous, "normal", StringComparison.OrdinalIgnoreCase) ? "NORMAL" : "FULL";
            // page_size only takes effect when the file is created (before WAL is on). 32 KiB pages hold a whole
            // v1.1 payload (~5 KB) without overflow pages and make a fifth of the page writes that 4 KiB pages do:
            // capture runs about 1.5x faster. The WAL is checkpointed every 1000 pages (32 MiB) and cut back to that size.
            await ExecuteAsync(
                writer,
                $"PRAGMA page_size={PageBytes}; PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=1000; PRAGMA journal_size_limit={1000 * PageBytes}; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000;",
                cancellationToken);
            await ExecuteAsync(writer, Schema, cancellationToken);
        }
        catch (SqliteException e)
        {
            await writer.DisposeAsync();
            throw new InvalidOperationException($"Cannot open the capture store '{path}': {e.Message}", e);
        }

        return new CaptureStore(path, writer, options.HourlyCap, connectionString);
    }

    /// <summary>Convenience: opens the store at <paramref name="path"/> with default options.</summary>
    public static Task<CaptureStore> OpenAsync(string path, int hourlyCap = 0, CancellationToken cancellationToken = default) =>
        OpenAsync(new CaptureOptions { DatabasePath = path, HourlyCap = hourlyCap }, cancellationToken);

    /// <summary>
    /// Stores a batch in one transaction: each post once by id (duplicates ignored), at most the
    /// hourly cap per received hour, and the latest source checkpoint of the batch. Returns after commit.
    /// </summary>
    public async Task<BatchResult> WriteBatchAsync(IReadOnlyList<CapturedPost> posts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posts);
        if (posts.Count == 0)
        {
            return new BatchResult(0, 0, 0);
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return WriteBatch(posts);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private BatchResult WriteBatch(IReadOnlyList<CapturedPost> posts)
    {
        using var transaction = _writer.BeginTransaction();
        _readHourCount.Transaction = transaction;
        _upsertHourCount.Transaction = transaction;
        _upsertCheckpoint.Transaction = transaction;

        // hour -> (stored before this batch, inserted in this batch, over cap in this batch)
        var hours = new Dictionary<long, (long Before, long Inserted, long OverCap)>();
        int inserted = 0, duplicates = 0, overCap = 0;
        List<long>? overCapIds = null;
        var checkpoints = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            var hour = HourOf(post.ReceivedAt);
            if (!hours.TryGetValue(hour, out var counts))
            {
                counts = (_hourlyCap > 0 ? ReadHourCount(hour) : 0, 0, 0);
            }

            if (_hourlyCap > 0 && counts.Before + counts.Inserted >= _hourlyCap)
            {
                counts.OverCap++;
                overCap++;
                (overCapIds ??= []).Add(post.Id);
            }
            else
            {
                if (_insertPost.Insert(post.Id, hour, post.ReceivedAt.ToUnixTimeMilliseconds(), post.CreatedAt.ToUnixTimeMilliseconds(), post.Payload.Span))
                {
                    counts.Inserted++;
                    inserted++;
                }
                else
                {
                    duplicates++;
                }
            }

            hours[hour] = counts;
            if (post.Checkpoint is { } checkpoint)
            {
                checkpoints[checkpoint.Source] = checkpoint.Offset;
            }
        }

        foreach (var (hour, counts) in hours)
        {
            if (counts.Inserted == 0 && counts.OverCap == 0)
            {
                continue;
            }

            _upsertHourCount.Parameters[0].Value = hour;
            _upsertHourCount.Parameters[1].Value = counts.Inserted;
            _upsertHourCount.Parameters[2].Value = counts.OverCap;
            _upsertHourCount.ExecuteNonQuery();
        }

        foreach (var (source, offset) in checkpoints)
        {
            _upsertCheckpoint.Parameters[0].Value = source;
            _upsertCheckpoint.Parameters[1].Value = offset;
            _upsertCheckpoint.ExecuteNonQuery();
        }

        transaction.Commit();
        return new BatchResult(inserted, duplicates, overCap) { OverCapIds = overCapIds ?? [] };
    }

    private long ReadHourCount(long hour)
    {
        _readHourCount.Parameters[0].Value = hour;
        return _readHourCount.ExecuteScalar() is long count ? count : 0;
    }

    /// <summary>The committed checkpoints of every source, for resuming a replay.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, "SELECT source, offset FROM checkpoints");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }

    /// <summary>Records a period without a stream connection.</summary>
    public Task RecordGapAsync(DisconnectGap gap, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gap);
        return ExecuteWriteAsync(
            "INSERT INTO gaps(started_at, ended_at, reason) VALUES($start, $end, $reason)",
            cancellationToken,
            ("$start", gap.Start.ToUnixTimeMilliseconds()),
            ("$end", gap.End.ToUnixTimeMilliseconds()),
            ("$reason", gap.Reason));
    }

    /// <summary>The recorded disconnect gaps, oldest first.</summary>
    public async Task<IReadOnlyList<DisconnectGap>> ReadGapsAsync(CancellationToken cancellationToken = default)
    {
        var gaps = new List<DisconnectGap>();
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, "SELECT started_at, ended_at, reason FROM gaps ORDER BY started_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            gaps.Add(new DisconnectGap(FromMs(reader.GetInt64(0)), FromMs(reader.GetInt64(1)), reader.GetString(2)));
        }

        return gaps;
    }

    /// <summary>Starts a live-capture session; hours it covers without posts are recorded as empty by the uploader.</summary>
    public async Task<long> StartSessionAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command(_writer, "INSERT INTO sessions(started_at, last_seen_at) VALUES($now, $now) RETURNING id", "$now");
            command.Parameters[0].Value = now.ToUnixTimeMilliseconds();
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Marks a live-capture session as still running at <paramref name="now"/>.</summary>
    public Task TouchSessionAsync(long sessionId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteWriteAsync(
            "UPDATE sessions SET last_seen_at = max(last_seen_at, $now) WHERE id = $id",
            cancellationToken,
            ("$now", now.ToUnixTimeMilliseconds()),
            ("$id", sessionId));

    /// <summary>The hours covered by live-capture sessions (start hour to last-seen hour, inclusive) that end before <paramref name="before"/>.</summary>
    public async Task<IReadOnlySet<DateTimeOffset>> ReadSessionHoursAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var hours = new HashSet<DateTimeOffset>();
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, "SELECT started_at, last_seen_at FROM sessions");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var hour = LakeLayout.HourOf(FromMs(reader.GetInt64(0)));
            var last = LakeLayout.HourOf(FromMs(reader.GetInt64(1)));
            for (; hour <= last && hour < before; hour = hour.AddHours(1))
            {
                hours.Add(hour);
            }
        }

        return hours;
    }

    /// <summary>Per-hour capture counts, oldest first.</summary>
    public async Task<IReadOnlyList<HourCount>> ReadHourCountsAsync(CancellationToken cancellationToken = default)
    {
        var counts = new List<HourCount>();
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, "SELECT hour, captured, over_cap FROM hour_counts ORDER BY hour");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new HourCount(DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return counts;
    }

    /// <summary>The number of posts currently stored (not yet purged).</summary>
    public async Task<long> CountPostsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, "SELECT count(*) FROM posts");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Streams the stored posts of one received hour in id order, from one read snapshot, without
    /// holding the hour in memory.
    /// </summary>
    public async IAsyncEnumerable<StoredPost> ReadHourAsync(DateTimeOffset hour, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, "SELECT id, created_at, received_at, payload FROM posts WHERE hour = $hour ORDER BY id", "$hour");
        command.Parameters[0].Value = HourOf(hour);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredPost(reader.GetInt64(0), FromMs(reader.GetInt64(1)), FromMs(reader.GetInt64(2)), (byte[])reader.GetValue(3));
        }
    }

    /// <summary>The upload ledger, oldest hour first.</summary>
    public async Task<IReadOnlyList<UploadLedgerEntry>> ReadLedgerAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<UploadLedgerEntry>();
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, """
            SELECT hour, post_count, canonical_count, skipped_count, quarantined_count, raw_key, raw_bytes, raw_sha256,
                   canonical_key, canonical_bytes, canonical_sha256, uploaded_at, purged
            FROM uploads ORDER BY hour
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new UploadLedgerEntry(
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                FromMs(reader.GetInt64(11)),
                reader.GetInt64(12) != 0));
        }

        return entries;
    }

    /// <summary>Records (or replaces) an hour in the upload ledger.</summary>
    public Task RecordUploadAsync(UploadLedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ExecuteWriteAsync(
            """
            INSERT OR REPLACE INTO uploads(hour, post_count, canonical_count, skipped_count, quarantined_count,
                raw_key, raw_bytes, raw_sha256, canonical_key, canonical_bytes, canonical_sha256, uploaded_at)
            VALUES($hour, $posts, $canonical, $skipped, $quarantined, $rawKey, $rawBytes, $rawSha, $canKey, $canBytes, $canSha, $at)
            """,
            cancellationToken,
            ("$hour", HourOf(entry.Hour)),
            ("$posts", entry.PostCount),
            ("$canonical", entry.CanonicalCount),
            ("$skipped", entry.SkippedCount),
            ("$quarantined", entry.QuarantinedCount),
            ("$rawKey", entry.RawKey),
            ("$rawBytes", entry.RawBytes),
            ("$rawSha", entry.RawSha256),
            ("$canKey", entry.CanonicalKey),
            ("$canBytes", entry.CanonicalBytes),
            ("$canSha", entry.CanonicalSha256),
            ("$at", entry.UploadedAt.ToUnixTimeMilliseconds()));
    }

    /// <summary>
    /// Deletes the stored posts of hours that ended at or before <paramref name="endedBy"/> and whose
    /// ledger entry covers every post captured for the hour (the entry is marked purged). Returns the
    /// number of posts deleted.
    /// </summary>
    public async Task<long> PurgeUploadedAsync(DateTimeOffset endedBy, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction();
            await using var mark = Command(_writer, """
                UPDATE uploads SET purged = 1 WHERE purged = 0 AND post_count > 0 AND hour + 3600 <= $before
                    AND post_count = coalesce((SELECT captured FROM hour_counts c WHERE c.hour = uploads.hour), 0)
                """, "$before");
            mark.Transaction = transaction;
            mark.Parameters[0].Value = endedBy.ToUnixTimeSeconds();
            await mark.ExecuteNonQueryAsync(cancellationToken);
            await using var delete = Command(_writer, "DELETE FROM posts WHERE hour IN (SELECT hour FROM uploads WHERE purged = 1 AND hour + 3600 <= $before)", "$before");
            delete.Transaction = transaction;
            delete.Parameters[0].Value = endedBy.ToUnixTimeSeconds();
            var deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
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
            _insertPost.Dispose();
            await _readHourCount.DisposeAsync();
            await _upsertHourCount.DisposeAsync();
            await _upsertCheckpoint.DisposeAsync();
            await _writer.DisposeAsync();
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    /// <summary>Unix seconds of the UTC hour containing <paramref name="instant"/>.</summary>
    internal static long HourOf(DateTimeOffset instant) => LakeLayout.HourOf(instant).ToUnixTimeSeconds();

    private static DateTimeOffset FromMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task ExecuteWriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var command = _writer.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string Describe(DateTimeOffset hour) => hour.ToString("yyyy-MM-dd HH:00 'UTC'", CultureInfo.InvariantCulture);
}
