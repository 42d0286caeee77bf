namespace TrendingTv.DataLake.Posts;

/// <summary>What <see cref="PostNormaliser.Normalise"/> made of one raw line.</summary>
public enum NormalisedLineKind
{
    /// <summary>A post: <see cref="NormalisedLine.Post"/> is set.</summary>
    Post,

    /// <summary>A message that is not a post (delete, limit, keep-alive...): <see cref="NormalisedLine.SkipKind"/> is set.</summary>
    Skipped,

    /// <summary>A malformed line: <see cref="NormalisedLine.Reason"/> is set.</summary>
    Quarantined,
}
