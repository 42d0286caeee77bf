namespace TrendingTv.Streamer.Capture;

/// <summary>
/// One post on its way into the capture store: the payload exactly as received (one JSON line, no
/// trailing newline), its id and creation time, and when it was received. <see cref="ReceivedAt"/>
/// decides the hour file the post lands in. <see cref="Checkpoint"/>, when set, is the source
/// position after this post (replay resumes from it once the post's batch has committed).
/// The sources keep payloads in a <see cref="PayloadArena"/>, which the capture pipeline releases after commit.
/// </summary>
public sealed record CapturedPost(long Id, DateTimeOffset CreatedAt, DateTimeOffset ReceivedAt, ReadOnlyMemory<byte> Payload, SourceCheckpoint? Checkpoint = null);
