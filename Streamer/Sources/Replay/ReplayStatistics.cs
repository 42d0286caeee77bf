namespace TrendingTv.Streamer.Sources.Replay;

/// <summary>
/// Counts of what a replay read: posts, non-post lines (notices, errors-only envelopes), malformed lines (not JSON,
/// or a post without created_at) and quarantined lines (longer than the limit: skipped, their numbers kept).
/// </summary>
public sealed class ReplayStatistics
{
    /// <summary>Line numbers kept of the quarantined lines, at most.</summary>
    public const int MaxQuarantinedLinesKept = 100;

    private readonly Lock _lock = new();
    private readonly List<string> _quarantined = [];
    private long _posts;
    private long _notPosts;
    private long _malformed;
    private long _quarantinedCount;
    private long _bytes;

    public long Posts => Interlocked.Read(ref _posts);

    public long NotPosts => Interlocked.Read(ref _notPosts);

    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Lines longer than <see cref="ReplayOptions.MaxLineBytes"/>: skipped.</summary>
    public long Quarantined => Interlocked.Read(ref _quarantinedCount);

    /// <summary>Where the quarantined lines were (<c>file:line</c>), the first <see cref="MaxQuarantinedLinesKept"/>.</summary>
    public IReadOnlyList<string> QuarantinedLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _quarantined];
            }
        }
    }

    /// <summary>Payload bytes of the posts read.</summary>
    public long PayloadBytes => Interlocked.Read(ref _bytes);

    internal void AddPost(int bytes)
    {
        Interlocked.Increment(ref _posts);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void AddNotPost() => Interlocked.Increment(ref _notPosts);

    /// <summary>Counts a malformed line; returns how many there are now.</summary>
    internal long AddMalformed() => Interlocked.Increment(ref _malformed);

    /// <summary>Counts a quarantined line; returns how many there are now.</summary>
    internal long AddQuarantined(string where)
    {
        lock (_lock)
        {
            if (_quarantined.Count < MaxQuarantinedLinesKept)
            {
                _quarantined.Add(where);
            }
        }

        return Interlocked.Increment(ref _quarantinedCount);
    }
}
