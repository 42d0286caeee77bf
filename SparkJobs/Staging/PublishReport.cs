namespace TrendingTv.SparkJobs.Staging;

/// <summary>
/// What publishing a run's staged outputs did: the lake keys it wrote (the partition's part files and
/// <c>_SUCCESS</c>, for tmdb the dimensions and <c>dims/_AS_OF</c>), the stale objects it removed from the partition, the staging
/// objects it cleaned, and whether an earlier attempt had already swapped the outputs in.
/// </summary>
public sealed record PublishReport(
    string RunId,
    string Partition,
    IReadOnlyList<string> KeysWritten,
    int StaleObjectsRemoved,
    int StagingObjectsRemoved,
    bool WasAlreadyPublished)
{
    /// <summary>True when the lake's dimensions come from a later date than this run's and were kept (a backfill of an older date).</summary>
    public bool NewerDimensionsKept { get; init; }

    /// <summary>Other runs' staging folders removed because they outlived the retention (failed runs never re-run).</summary>
    public IReadOnlyList<string> ExpiredStagingRemoved { get; init; } = [];
}
