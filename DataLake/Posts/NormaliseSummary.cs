namespace TrendingTv.DataLake.Posts;

/// <summary>
/// What a normaliser did with one input: every line read is either a post written, a duplicate dropped, a post left
/// out (its id is in the deletes log), a skipped message (counted by kind) or quarantined.
/// </summary>
public sealed record NormaliseSummary(
    long LinesRead,
    long PostsWritten,
    long DuplicatesDropped,
    IReadOnlyDictionary<string, long> SkippedByKind,
    long Quarantined,
    long LeftOut = 0)
{
    /// <summary>The number of skipped lines of all kinds.</summary>
    public long Skipped => SkippedByKind.Values.Sum();
}
