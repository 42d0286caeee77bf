namespace TrendingTv.Streamer.Replay;

/// <summary>Counts of what a replay read: posts, non-post lines (notices, errors-only envelopes) and malformed lines.</summary>
public sealed class ReplayStatistics
{
    private long _posts;
    private long _notPosts;
    private long _malformed;
    private long _bytes;

    public long Posts => Interlocked.Read(ref _posts);

    public long NotPosts => Interlocked.Read(ref _notPosts);

    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Payload bytes of the posts read.</summary>
    public long PayloadBytes => Interlocked.Read(ref _bytes);

    internal void AddPost(int bytes)
    {
        Interlocked.Increment(ref _posts);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void AddNotPost() => Interlocked.Increment(ref _notPosts);

    internal void AddMalformed() => Interlocked.Increment(ref _malformed);
}
