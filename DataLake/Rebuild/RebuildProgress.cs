namespace TrendingTv.DataLake.Rebuild;

/// <summary>Where a range rebuild is: stale hours done of those to do, and raw bytes read of theirs.</summary>
public sealed record RebuildProgress(string Source, DateTimeOffset Hour, int HoursDone, int HoursToRebuild, long BytesDone, long BytesTotal);
