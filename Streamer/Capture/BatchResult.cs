namespace TrendingTv.Streamer.Capture;

/// <summary>
/// The outcome of one committed batch: new posts stored, duplicates (same id already stored) and
/// posts over the hourly cap (not stored; their ids in <see cref="OverCapIds"/>).
/// </summary>
public sealed record BatchResult(int Inserted, int Duplicates, int OverCap)
{
    public int Total => Inserted + Duplicates + OverCap;

    /// <summary>The ids of the posts dropped by the hourly cap.</summary>
    public IReadOnlyList<long> OverCapIds { get; init; } = [];

    /// <summary>Seen and kept per source.</summary>
    public IReadOnlyDictionary<string, SourceTotals> BySource { get; init; } = new Dictionary<string, SourceTotals>();
}
