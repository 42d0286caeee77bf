namespace TrendingTv.Streamer.Capture;

/// <summary>Events of one source's hour that were received but not yielded as posts (filtered out), to add to the hour's seen count.</summary>
public sealed record SeenCount(string Source, DateTimeOffset Hour, long Count);
