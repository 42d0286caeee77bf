using Microsoft.Data.Sqlite;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// The connection log, in the capture database: capture sessions (when capture of a source ran) and the gaps within
/// them (when the source was not connected, and why). Together they tell an hour in which a source was connected
/// throughout (and simply had no posts) from an hour of an outage. A gap is written when it opens and its end moved
/// on by each heartbeat, so a crash mid-outage still leaves the gap in the log.
/// </summary>
public sealed class ConnectionLog
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sessions(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL DEFAULT 'x',
            started_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS gaps(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL DEFAULT 'x',
            session_id INTEGER,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NOT NULL,
            reason TEXT NOT NULL,
            open INTEGER NOT NULL DEFAULT 0);
        """;

    private ConnectionLog(CaptureDatabase database) => Database = database;

    public CaptureDatabase Database { get; }

    /// <summary>Opens the log of <paramref name="database"/>, creating (or, for a store of an older build, extending) its tables.</summary>
    public static ConnectionLog Open(CaptureDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.ReadOnly)
        {
            using var writer = database.OpenWriter();
            using var transaction = writer.BeginTransaction();
            // Stores of the X-only build have sessions(id, started_at, last_seen_at) and gaps(id, started_at, ended_at, reason).
            AddColumnIfMissing(writer, transaction, "sessions", "source", "TEXT NOT NULL DEFAULT 'x'");
            AddColumnIfMissing(writer, transaction, "gaps", "source", "TEXT NOT NULL DEFAULT 'x'");
            AddColumnIfMissing(writer, transaction, "gaps", "session_id", "INTEGER");
            AddColumnIfMissing(writer, transaction, "gaps", "open", "INTEGER NOT NULL DEFAULT 0");
            CaptureDatabase.Execute(writer, Schema, transaction);
            transaction.Commit();
        }

        return new ConnectionLog(database);
    }

    /// <summary>Starts a capture session of <paramref name="source"/>; returns its id.</summary>
    public async Task<long> StartSessionAsync(string source, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var writer = Database.OpenWriter();
        await using var command = CaptureDatabase.Command(writer, "INSERT INTO sessions(source, started_at, last_seen_at) VALUES($source, $at, $at) RETURNING id", "$source", "$at");
        command.Parameters[0].Value = source;
        command.Parameters[1].Value = at.ToUnixTimeMilliseconds();
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The session is still running at <paramref name="at"/>; so is any gap still open in it.</summary>
    public async Task TouchSessionAsync(long session, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var writer = Database.OpenWriter();
        await using var transaction = writer.BeginTransaction();
        await ExecuteAsync(writer, transaction, "UPDATE sessions SET last_seen_at = max(last_seen_at, $at) WHERE id = $id", cancellationToken, ("$at", at.ToUnixTimeMilliseconds()), ("$id", session));
        await ExecuteAsync(writer, transaction, "UPDATE gaps SET ended_at = max(ended_at, $at) WHERE session_id = $id AND open = 1", cancellationToken, ("$at", at.ToUnixTimeMilliseconds()), ("$id", session));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Opens a gap of a session: the source is not connected since <paramref name="since"/>. Returns its id.</summary>
    public async Task<long> OpenGapAsync(long session, string source, DateTimeOffset since, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var writer = Database.OpenWriter();
        await using var command = CaptureDatabase.Command(
            writer,
            "INSERT INTO gaps(source, session_id, started_at, ended_at, reason, open) VALUES($source, $session, $since, $now, $reason, 1) RETURNING id",
            "$source",
            "$session",
            "$since",
            "$now",
            "$reason");
        command.Parameters[0].Value = source;
        command.Parameters[1].Value = session;
        command.Parameters[2].Value = since.ToUnixTimeMilliseconds();
        command.Parameters[3].Value = Math.Max(since.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
        command.Parameters[4].Value = reason;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Closes a gap at <paramref name="at"/> (the source connected again, or capture stopped).</summary>
    public async Task CloseGapAsync(long gap, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var writer = Database.OpenWriter();
        await ExecuteAsync(writer, null, "UPDATE gaps SET ended_at = max(started_at, $at), open = 0 WHERE id = $id", cancellationToken, ("$at", at.ToUnixTimeMilliseconds()), ("$id", gap));
    }

    /// <summary>Says why a gap is open (e.g. the first failure of a source that has not connected yet).</summary>
    public async Task SetGapReasonAsync(long gap, string reason, CancellationToken cancellationToken = default)
    {
        await using var writer = Database.OpenWriter();
        await ExecuteAsync(writer, null, "UPDATE gaps SET reason = $reason WHERE id = $id", cancellationToken, ("$reason", reason), ("$id", gap));
    }

    /// <summary>Records a closed gap outside any session.</summary>
    public async Task RecordGapAsync(SourceGap gap, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gap);
        await using var writer = Database.OpenWriter();
        await ExecuteAsync(
            writer,
            null,
            "INSERT INTO gaps(source, started_at, ended_at, reason, open) VALUES($source, $start, $end, $reason, 0)",
            cancellationToken,
            ("$source", gap.Source),
            ("$start", gap.Start.ToUnixTimeMilliseconds()),
            ("$end", gap.End.ToUnixTimeMilliseconds()),
            ("$reason", gap.Reason));
    }

    /// <summary>Every recorded gap, oldest first.</summary>
    public async Task<IReadOnlyList<SourceGap>> ReadGapsAsync(CancellationToken cancellationToken = default)
    {
        var gaps = new List<SourceGap>();
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        if (!CaptureDatabase.HasTable(connection, "gaps"))
        {
            return gaps; // a read-only look at a store that never captured live
        }

        await using var command = CaptureDatabase.Command(connection, "SELECT source, started_at, ended_at, reason, open FROM gaps ORDER BY started_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            gaps.Add(new SourceGap(reader.GetString(0), CaptureDatabase.Instant(reader.GetInt64(1)), CaptureDatabase.Instant(reader.GetInt64(2)), reader.GetString(3), reader.GetInt64(4) != 0));
        }

        return gaps;
    }

    /// <summary>Every capture session, oldest first.</summary>
    public async Task<IReadOnlyList<CaptureSession>> ReadSessionsAsync(CancellationToken cancellationToken = default)
    {
        var sessions = new List<CaptureSession>();
        await using var connection = await Database.OpenReaderAsync(cancellationToken);
        if (!CaptureDatabase.HasTable(connection, "sessions"))
        {
            return sessions;
        }

        await using var command = CaptureDatabase.Command(connection, "SELECT id, source, started_at, last_seen_at FROM sessions ORDER BY started_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new CaptureSession(reader.GetInt64(0), reader.GetString(1), CaptureDatabase.Instant(reader.GetInt64(2)), CaptureDatabase.Instant(reader.GetInt64(3))));
        }

        return sessions;
    }

    private static void AddColumnIfMissing(SqliteConnection writer, SqliteTransaction transaction, string table, string column, string definition)
    {
        if (CaptureDatabase.HasTable(writer, table, transaction) && !CaptureDatabase.HasColumn(writer, table, column, transaction))
        {
            CaptureDatabase.Execute(writer, $"ALTER TABLE {table} ADD COLUMN {column} {definition}", transaction);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection writer, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = writer.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
