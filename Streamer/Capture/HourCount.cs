namespace TrendingTv.Streamer.Capture;

/// <summary>
/// What the store received for one source's UTC hour: posts <see cref="Seen"/> (every post or event the source
/// received, duplicates and posts over the cap included; for a filtering source, the events it filtered out too),
/// <see cref="Kept"/> (posts stored, counted before any purge) and <see cref="OverCap"/> (dropped by the hourly cap).
/// </summary>
public sealed record HourCount(string Source, DateTimeOffset Hour, long Seen, long Kept, long OverCap);
