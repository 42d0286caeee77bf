namespace TrendingTv.DataLake.Posts;

/// <summary>
/// What <see cref="PostNormaliser.NormaliseAsync"/> did with one input: every line read is either a post written,
/// a duplicate dropped, a skipped message (counted by kind) or quarantined.
/// </summary>
public sealed record NormaliseSummary(
    long LinesRead,
    long PostsWritten,
    long DuplicatesDropped,
    IReadOnlyDictionary<string, long> SkippedByKind,
    long Quarantined)
{
    /// <summary>The number of skipped lines of all kinds.</summary>
    public long Skipped => SkippedByKind.Values.Sum();
}
