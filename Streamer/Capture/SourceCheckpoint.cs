namespace TrendingTv.Streamer.Capture;

/// <summary>A position in a capture source: a key (a replay file's path, a live source's name) and the offset after the last post read (bytes, or a cursor).</summary>
public sealed record SourceCheckpoint(string Key, long Offset);
