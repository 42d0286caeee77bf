namespace TrendingTv.Streamer.Capture;

/// <summary>
/// One post on its way into the posts store: its source (<c>PostSources.X</c>, <c>PostSources.Bluesky</c>), id and
/// creation time, when it was received, and the payload exactly as received (one JSON line, no trailing newline).
/// <see cref="ReceivedAt"/> decides the hour file the post lands in. <see cref="Checkpoint"/>, when set, is the
/// source position after this post (a resume starts there once the post's batch has committed).
/// Sources keep payloads in a <see cref="PayloadArena"/>, which the capture pipeline releases after commit.
/// </summary>
public sealed record CapturedPost(string Source, long Id, DateTimeOffset CreatedAt, DateTimeOffset ReceivedAt, ReadOnlyMemory<byte> Payload, SourceCheckpoint? Checkpoint = null);
