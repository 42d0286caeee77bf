using Microsoft.Data.Sqlite;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// Applies the deletes of one batch transaction of the <see cref="PostStore"/>. A delete of a stored post whose hour
/// was never uploaded removes the post (and one from its hour's kept count: an upload in progress then finds the
/// count changed and uploads the hour again); a delete of a post whose hour was uploaded is kept in the
/// <c>deletes</c> table, for the upload to put in the lake's deletes log of the hour the delete was received. A delete
/// of a post the store does not hold (never kept, or purged after upload) changes nothing.
/// </summary>
internal sealed class DeleteBook : IDisposable
{
    private readonly SqliteConnection _writer;
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _remove;
    private readonly SqliteCommand _record;
    private SqliteCommand? _uploaded;

    public DeleteBook(SqliteConnection writer)
    {
        _writer = writer;
        _find = CaptureDatabase.Command(writer, "SELECT hour FROM posts WHERE id = $id AND source = $source", "$id", "$source");
        _remove = CaptureDatabase.Command(writer, "DELETE FROM posts WHERE id = $id", "$id");
        _record = CaptureDatabase.Command(
            writer,
            "INSERT INTO deletes(source, id, hour, record) VALUES($source, $id, $hour, $record) ON CONFLICT(source, id) DO NOTHING",
            "$source",
            "$id",
            "$hour",
            "$record");
    }

    /// <summary>
    /// Applies one delete (<paramref name="delete"/>.Id names the deleted post; its payload is the log record);
    /// <paramref name="hour"/> is the removed post's hour, whose kept count the caller lowers.
    /// </summary>
    public DeleteOutcome Apply(CapturedPost delete, SqliteTransaction transaction, out long hour)
    {
        hour = 0;
        _find.Transaction = transaction;
        _find.Parameters[0].Value = delete.Id;
        _find.Parameters[1].Value = delete.Source;
        if (_find.ExecuteScalar() is not long postHour)
        {
            return DeleteOutcome.NotHeld;
        }

        if (!WasUploaded(delete.Source, postHour, transaction))
        {
            _remove.Transaction = transaction;
            _remove.Parameters[0].Value = delete.Id;
            _remove.ExecuteNonQuery();
            hour = postHour;
            return DeleteOutcome.Removed;
        }

        _record.Transaction = transaction;
        _record.Parameters[0].Value = delete.Source;
        _record.Parameters[1].Value = delete.Id;
        _record.Parameters[2].Value = CaptureDatabase.HourOf(delete.ReceivedAt);
        _record.Parameters[3].Value = delete.Payload.ToArray();
        _record.ExecuteNonQuery();
        return DeleteOutcome.ToLog;
    }

    public void Dispose()
    {
        _find.Dispose();
        _remove.Dispose();
        _record.Dispose();
        _uploaded?.Dispose();
    }

    /// <summary>Whether the hour is in the upload ledger with posts (the ledger's table exists once an upload has run).</summary>
    private bool WasUploaded(string source, long hour, SqliteTransaction transaction)
    {
        if (_uploaded is null)
        {
            if (!CaptureDatabase.HasTable(_writer, "uploads", transaction))
            {
                return false;
            }

            _uploaded = CaptureDatabase.Command(_writer, "SELECT count(*) FROM uploads WHERE source = $source AND hour = $hour AND post_count > 0", "$source", "$hour");
        }

        _uploaded.Transaction = transaction;
        _uploaded.Parameters[0].Value = source;
        _uploaded.Parameters[1].Value = hour;
        return (long)_uploaded.ExecuteScalar()! > 0;
    }
}
