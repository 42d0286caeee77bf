using Microsoft.Data.Sqlite;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// The hour counts of one batch transaction of the <see cref="PostStore"/>: what each (source, hour) held before the
/// batch (read once, for the cap) and what the batch adds, saved in the same transaction.
/// </summary>
internal sealed class HourCountBook : IDisposable
{
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _upsert;
    private readonly Dictionary<(string Source, long Hour), Counts> _counts = [];
    private int _cap;

    public HourCountBook(SqliteConnection writer)
    {
        _read = CaptureDatabase.Command(writer, "SELECT captured FROM hour_counts WHERE source = $source AND hour = $hour", "$source", "$hour");
        _upsert = CaptureDatabase.Command(
            writer,
            """
            INSERT INTO hour_counts(source, hour, seen, captured, over_cap) VALUES($source, $hour, $seen, $kept, $over)
            ON CONFLICT(source, hour) DO UPDATE SET seen = seen + excluded.seen, captured = captured + excluded.captured, over_cap = over_cap + excluded.over_cap
            """,
            "$source",
            "$hour",
            "$seen",
            "$kept",
            "$over");
    }

    public void Begin(SqliteTransaction transaction, int cap)
    {
        _read.Transaction = transaction;
        _upsert.Transaction = transaction;
        _counts.Clear();
        _cap = cap;
    }

    /// <summary>Counts a post as seen; false when its hour is at the cap (the post is counted over the cap).</summary>
    public bool TryKeep(string source, long hour)
    {
        var counts = Get(source, hour);
        counts.Seen++;
        if (_cap > 0 && counts.Before + counts.Kept >= _cap)
        {
            counts.OverCap++;
            return false;
        }

        return true;
    }

    public void Kept(string source, long hour) => Get(source, hour).Kept++;

    /// <summary>A kept post of the hour was deleted before its upload.</summary>
    public void Removed(string source, long hour) => Get(source, hour).Kept--;

    public void Seen(string source, long hour, long count) => Get(source, hour).Seen += count;

    /// <summary>Adds the batch's counts to the hours; returns them summed per source.</summary>
    public IReadOnlyDictionary<string, SourceTotals> Save()
    {
        var totals = new Dictionary<string, SourceTotals>(StringComparer.Ordinal);
        foreach (var ((source, hour), counts) in _counts)
        {
            var total = totals.GetValueOrDefault(source) ?? new SourceTotals(0, 0);
            totals[source] = new SourceTotals(total.Seen + counts.Seen, total.Kept + counts.Kept);
            if (counts.Seen == 0 && counts.Kept == 0 && counts.OverCap == 0)
            {
                continue;
            }

            _upsert.Parameters[0].Value = source;
            _upsert.Parameters[1].Value = hour;
            _upsert.Parameters[2].Value = counts.Seen;
            _upsert.Parameters[3].Value = counts.Kept;
            _upsert.Parameters[4].Value = counts.OverCap;
            _upsert.ExecuteNonQuery();
        }

        return totals;
    }

    public void Dispose()
    {
        _read.Dispose();
        _upsert.Dispose();
    }

    private Counts Get(string source, long hour)
    {
        if (!_counts.TryGetValue((source, hour), out var counts))
        {
            counts = new Counts { Before = _cap > 0 ? ReadKept(source, hour) : 0 };
            _counts[(source, hour)] = counts;
        }

        return counts;
    }

    private long ReadKept(string source, long hour)
    {
        _read.Parameters[0].Value = source;
        _read.Parameters[1].Value = hour;
        return _read.ExecuteScalar() is long count ? count : 0;
    }

    private sealed class Counts
    {
        public long Before { get; init; }

        public long Seen { get; set; }

        public long Kept { get; set; }

        public long OverCap { get; set; }
    }
}
