namespace TrendingTv.Synthetic.Posts;

/// <summary>The account that wrote a <see cref="SyntheticPost"/>: a numeric id and a handle without '@'.</summary>
public sealed record SyntheticAuthor(long Id, string Handle);
