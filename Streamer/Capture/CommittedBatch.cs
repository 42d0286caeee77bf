namespace TrendingTv.Streamer.Capture;

/// <summary>A batch whose transaction has committed: its posts are acknowledged.</summary>
public sealed record CommittedBatch(IReadOnlyList<CapturedPost> Posts, BatchResult Result);
