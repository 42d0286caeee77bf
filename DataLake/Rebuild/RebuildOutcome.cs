namespace TrendingTv.DataLake.Rebuild;

/// <summary>What a request to rebuild one hour did.</summary>
public enum RebuildOutcome
{
    /// <summary>The canonical hour and its manifest were written from the raw hour.</summary>
    Rebuilt,

    /// <summary>Nothing written: the hour was current (or written by a newer version).</summary>
    Skipped,

    /// <summary>Nothing written: there is no raw hour to rebuild from.</summary>
    NoRaw,
}
