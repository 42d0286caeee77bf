using Microsoft.Data.Sqlite;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Upload;

/// <summary>
/// The upload ledger, in the capture database: one row per (source, hour) uploaded and verified, or recorded as
/// empty, and whether its posts were purged since. Only the uploader writes it.
/// </summary>
public sealed class UploadLedger
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS uploads(
            source TEXT NOT NULL,
            hour INTEGER NOT NULL,
            post_count INTEGER NOT NULL,
            canonical_count INTEGER NOT NULL,
            skipped_count INTEGER NOT NULL,
            quarantined_count INTEGER NOT NULL,
            raw_key TEXT, raw_bytes INTEGER NOT NULL, raw_sha256 TEXT,
            canonical_key TEXT, canonical_bytes INTEGER NOT NULL, canonical_sha256 TEXT,
            uploaded_at INTEGER NOT NULL,
            purged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(source, hour));
        """;

    // The X-only build keyed the ledger by hour alone: its rows are X hours.
    private const string MigrateFromXOnly = """
        ALTER TABLE uploads RENAME TO uploads_x_only;
        CREATE TABLE uploads(
            source TEXT NOT NULL,
            hour INTEGER NOT NULL,
            post_count INTEGER NOT NULL,
            canonical_count INTEGER NOT NULL,
            skipped_count INTEGER NOT NULL,
            quarantined_count INTEGER NOT NULL,
            raw_key TEXT, raw_bytes INTEGER NOT NULL, raw_sha256 TEXT,
            canonical_key TEXT, canonical_bytes INTEGER NOT NULL, canonical_sha256 TEXT,
            uploaded_at INTEGER NOT NULL,
            purged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(source, hour));
        INSERT INTO uploads SELECT 'x', hour, post_count, canonical_count, skipped_count, quarantined_count, raw_key, raw_bytes, raw_sha256,
            canonical_key, canonical_bytes, canonical_sha256, uploaded_at, purged FROM uploads_x_only;
        DROP TABLE uploads_x_only;
        """;

    private UploadLedger(CaptureDatabase database) => Database = database;

    public CaptureDatabase Database { get; }

    /// <summary>Opens the ledger of <paramref name="database"/>, creating or migrating its table (unless read-only).</summary>
    public static UploadLedger Open(CaptureDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.ReadOnly)
        {
            using var writer = database.OpenWriter();
            using var transaction = writer.BeginTransaction();
            if (CaptureDatabase.HasTable(writer, "uploads", transaction) && !CaptureDatabase.HasColumn(writer, "uploads", "source", transaction))
            {
                CaptureDatabase.Execute(writer, MigrateFromXOnly, transaction);
            }

            CaptureDatabase.Execute(writer, Schema, transaction);
            transaction.Commit();
        }

        return new UploadLedger(database);
    }

    /// <summary>The ledger, by source then hour.</summary>
    public async Task<IReadOnlyList<UploadLedgerEntry>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<UploadLedgerEntry>();
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        if (!CaptureDatabase.HasTable(connection, "uploads"))
        {
            return entries; // a read-only look at a store never uploaded
        }

        await using var command = CaptureDatabase.Command(connection, """
            SELECT source, hour, post_count, canonical_count, skipped_count, quarantined_count, raw_key, raw_bytes, raw_sha256,
                   canonical_key, canonical_bytes, canonical_sha256, uploaded_at, purged
            FROM uploads ORDER BY source, hour
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Entry(reader));
        }

        return entries;
    }

    /// <summary>Records (or replaces) an hour.</summary>
    public async Task RecordAsync(UploadLedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var writer = Database.OpenWriter();
        await using var command = CaptureDatabase.Command(
            writer,
            """
            INSERT OR REPLACE INTO uploads(source, hour, post_count, canonical_count, skipped_count, quarantined_count,
                raw_key, raw_bytes, raw_sha256, canonical_key, canonical_bytes, canonical_sha256, uploaded_at, purged)
            VALUES($source, $hour, $posts, $canonical, $skipped, $quarantined, $rawKey, $rawBytes, $rawSha, $canKey, $canBytes, $canSha, $at, $purged)
            """,
            "$source", "$hour", "$posts", "$canonical", "$skipped", "$quarantined", "$rawKey", "$rawBytes", "$rawSha", "$canKey", "$canBytes", "$canSha", "$at", "$purged");
        object?[] values =
        [
            entry.Source, CaptureDatabase.HourOf(entry.Hour), entry.PostCount, entry.CanonicalCount, entry.SkippedCount, entry.QuarantinedCount,
            entry.RawKey, entry.RawBytes, entry.RawSha256, entry.CanonicalKey, entry.CanonicalBytes, entry.CanonicalSha256,
            entry.UploadedAt.ToUnixTimeMilliseconds(), entry.Purged ? 1 : 0,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks an hour's posts as purged from the store.</summary>
    public async Task MarkPurgedAsync(string source, DateTimeOffset hour, CancellationToken cancellationToken = default)
    {
        await using var writer = Database.OpenWriter();
        await using var command = CaptureDatabase.Command(writer, "UPDATE uploads SET purged = 1 WHERE source = $source AND hour = $hour", "$source", "$hour");
        command.Parameters[0].Value = source;
        command.Parameters[1].Value = CaptureDatabase.HourOf(hour);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Closed hours (ended before <paramref name="closedBefore"/>) holding posts that the ledger does not cover: the
    /// <c>trendingtv.upload.hours_waiting</c> gauge. Reads the posts store's hour counts beside the ledger, synchronously
    /// (a metrics collection is synchronous).
    /// </summary>
    public long CountHoursWaiting(DateTimeOffset closedBefore)
    {
        using var connection = Database.OpenReader();
        if (!CaptureDatabase.HasTable(connection, "hour_counts"))
        {
            return 0;
        }

        var hasLedger = CaptureDatabase.HasTable(connection, "uploads");
        using var command = CaptureDatabase.Command(
            connection,
            hasLedger
                ? """
                  SELECT count(*) FROM hour_counts h WHERE h.captured > 0 AND h.hour + 3600 <= $closed AND NOT EXISTS (
                      SELECT 1 FROM uploads u WHERE u.source = h.source AND u.hour = h.hour AND (u.post_count = h.captured OR u.purged = 1))
                  """
                : "SELECT count(*) FROM hour_counts h WHERE h.captured > 0 AND h.hour + 3600 <= $closed",
            "$closed");
        command.Parameters[0].Value = closedBefore.ToUnixTimeSeconds();
        return (long)command.ExecuteScalar()!;
    }

    private static UploadLedgerEntry Entry(SqliteDataReader reader) => new(
        reader.GetString(0),
        CaptureDatabase.Hour(reader.GetInt64(1)),
        reader.GetInt64(2),
        reader.GetInt64(3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetInt64(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetInt64(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        CaptureDatabase.Instant(reader.GetInt64(12)),
        reader.GetInt64(13) != 0);
}
