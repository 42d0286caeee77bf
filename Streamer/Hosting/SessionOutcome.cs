namespace TrendingTv.Streamer.Hosting;

/// <summary>How a capture session went: whether the source ever connected, and its last failure.</summary>
public sealed record SessionOutcome(bool EverConnected, string? LastFailure);
