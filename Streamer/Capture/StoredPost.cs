namespace TrendingTv.Streamer.Capture;

/// <summary>One stored post as read back for upload: id, times and the payload as received.</summary>
public sealed record StoredPost(long Id, DateTimeOffset CreatedAt, DateTimeOffset ReceivedAt, byte[] Payload);
