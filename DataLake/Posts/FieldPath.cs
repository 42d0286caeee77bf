namespace TrendingTv.DataLake.Posts;

/// <summary>
/// A JSON field path for quarantine reasons (<c>retweeted_status.extended_tweet.entities.hashtags[].text</c>),
/// kept as parts so that the hot path never concatenates strings; joined only when a reason is written.
/// </summary>
internal readonly struct FieldPath
{
    private readonly string? _p0, _p1, _p2, _p3, _p4, _p5;

    private FieldPath(string? p0, string? p1, string? p2, string? p3, string? p4, string? p5)
    {
        (_p0, _p1, _p2, _p3, _p4, _p5) = (p0, p1, p2, p3, p4, p5);
    }

    public static FieldPath Root => default;

    public FieldPath Then(string part) =>
        _p0 is null ? new(part, null, null, null, null, null)
        : _p1 is null ? new(_p0, part, null, null, null, null)
        : _p2 is null ? new(_p0, _p1, part, null, null, null)
        : _p3 is null ? new(_p0, _p1, _p2, part, null, null)
        : _p4 is null ? new(_p0, _p1, _p2, _p3, part, null)
        : new(_p0, _p1, _p2, _p3, _p4, _p5 + part);

    public override string ToString() => string.Concat(_p0, _p1, _p2, _p3, _p4, _p5);
}
