using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Hosting;

/// <summary>What a live capture committed, and how its connection went.</summary>
public sealed record LiveCaptureResult(CaptureSummary Summary, SessionOutcome Session);
