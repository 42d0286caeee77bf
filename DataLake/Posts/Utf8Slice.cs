namespace TrendingTv.DataLake.Posts;

/// <summary>
/// Where a JSON string value lies in the raw line (between its quotes), so that only the values a post
/// finally needs are decoded.
/// </summary>
internal readonly record struct Utf8Slice(int Start, int Length, bool Escaped)
{
    public static readonly Utf8Slice None = new(-1, 0, false);

    public bool IsSet => Start >= 0;
}
