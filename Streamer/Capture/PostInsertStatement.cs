using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// The posts store's hot statement, <c>INSERT INTO posts ... ON CONFLICT(id) DO NOTHING</c>, prepared once on the
/// writer connection through SQLitePCL.raw (the binding Microsoft.Data.Sqlite itself runs on). It binds the payload
/// as a span, which a <see cref="SqliteParameter"/> cannot: that takes whole arrays only, and copies a slice into a
/// new one. Runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class PostInsertStatement : IDisposable
{
    private const string Sql = "INSERT INTO posts(id, source, hour, received_at, created_at, payload) VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO NOTHING";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public PostInsertStatement(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The posts store's connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, Sql, out _statement));
    }

    /// <summary>Inserts one post; false when a post with this id is already stored.</summary>
    public bool Insert(long id, string source, long hour, long receivedAtMs, long createdAtMs, ReadOnlySpan<byte> payload)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_statement, 1, id));
            Check(raw.sqlite3_bind_text(_statement, 2, source));
            Check(raw.sqlite3_bind_int64(_statement, 3, hour));
            Check(raw.sqlite3_bind_int64(_statement, 4, receivedAtMs));
            Check(raw.sqlite3_bind_int64(_statement, 5, createdAtMs));
            Check(raw.sqlite3_bind_blob(_statement, 6, payload));
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return raw.sqlite3_changes(_db) == 1;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
