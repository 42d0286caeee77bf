namespace TrendingTv.Streamer.Capture;

/// <summary>One source's share of a committed batch: posts and events seen, posts kept (stored).</summary>
public sealed record SourceTotals(long Seen, long Kept);
