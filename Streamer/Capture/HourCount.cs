namespace TrendingTv.Streamer.Capture;

/// <summary>How many posts the store holds (or held, before purging) for one received UTC hour, and how many the cap dropped.</summary>
public sealed record HourCount(DateTimeOffset Hour, long Captured, long OverCap);
