namespace TrendingTv.SparkJobs.Staging;

/// <summary>
/// What publishing a run's staged outputs did: the lake keys it wrote (the partition's part files and
/// <c>_SUCCESS</c>, for tmdb the dimensions), the stale objects it removed from the partition, the staging
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
    /// <summary>Other runs' staging folders removed because they outlived the retention (failed runs never re-run).</summary>
    public IReadOnlyList<string> ExpiredStagingRemoved { get; init; } = [];
}
