namespace TrendingTv.DataLake.Posts;

/// <summary>
/// The outcome of normalising one raw line: a post, a skipped non-post message (with its kind, e.g.
/// <c>delete</c>, <c>limit</c>, <c>blank</c>), or a quarantined line (with the reason).
/// </summary>
public readonly record struct NormalisedLine(NormalisedLineKind Kind, CanonicalPost? Post, string? SkipKind, string? Reason)
{
    /// <summary>A post.</summary>
    public static NormalisedLine ForPost(CanonicalPost post) => new(NormalisedLineKind.Post, post, null, null);

    /// <summary>A message that is not a post, of the given kind.</summary>
    public static NormalisedLine Skipped(string kind) => new(NormalisedLineKind.Skipped, null, kind, null);

    /// <summary>A malformed line, with the reason.</summary>
    public static NormalisedLine Quarantined(string reason) => new(NormalisedLineKind.Quarantined, null, null, reason);
}
