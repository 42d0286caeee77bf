namespace TrendingTv.Streamer.Capture;

/// <summary>Totals of one capture run: posts committed (new), duplicates, posts over the hourly cap, batches and payload bytes.</summary>
public sealed record CaptureSummary(long Inserted, long Duplicates, long OverCap, long Batches, long PayloadBytes, TimeSpan Elapsed);
