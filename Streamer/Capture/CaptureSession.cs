namespace TrendingTv.Streamer.Capture;

/// <summary>A period in which capture of a source was running (from its start to the last heartbeat or its stop).</summary>
public sealed record CaptureSession(long Id, string Source, DateTimeOffset Start, DateTimeOffset LastSeen);
