namespace TrendingTv.Streamer.Capture;

/// <summary>A position in a capture source (a replay file and the byte offset after the last post read).</summary>
public sealed record SourceCheckpoint(string Source, long Offset);
