namespace TrendingTv.Streamer.Capture;

/// <summary>
/// One post on its way into the posts store: its source (<c>PostSources.X</c>, <c>PostSources.Bluesky</c>), id and
/// creation time, when it was received, and the payload exactly as received (one JSON line, no trailing newline).
/// <see cref="ReceivedAt"/> decides the hour file the post lands in. <see cref="Checkpoint"/>, when set, is the
/// source position after this post (a resume starts there once the post's batch has committed).
/// Sources keep payloads in a <see cref="PayloadArena"/>, which the capture pipeline releases after commit.
/// </summary>
public sealed record CapturedPost(string Source, long Id, DateTimeOffset CreatedAt, DateTimeOffset ReceivedAt, ReadOnlyMemory<byte> Payload, SourceCheckpoint? Checkpoint = null)
{
    /// <summary>What this item asks of the store: a post to keep (the default), a delete or a checkpoint only.</summary>
    public CapturedKind Kind { get; init; }

    /// <summary>
    /// A delete of the post <paramref name="id"/>, received at <paramref name="receivedAt"/>; <paramref name="record"/>
    /// is its deletes-log line (<c>{"id":…,"uri":"at://…","time_us":…}</c>).
    /// </summary>
    public static CapturedPost Delete(string source, long id, DateTimeOffset receivedAt, ReadOnlyMemory<byte> record, SourceCheckpoint? checkpoint) =>
        new(source, id, receivedAt, receivedAt, record, checkpoint) { Kind = CapturedKind.Delete };

    /// <summary>No post: the source's position moved on (over events it filtered out), to commit with the next batch.</summary>
    public static CapturedPost Progress(string source, DateTimeOffset receivedAt, SourceCheckpoint checkpoint) =>
        new(source, 0, receivedAt, receivedAt, ReadOnlyMemory<byte>.Empty, checkpoint) { Kind = CapturedKind.Progress };
}
