namespace TrendingTv.DataLake.Posts;

/// <summary>The hashtags of one <c>entities</c> object: a range of the parser's shared hashtag list.</summary>
internal readonly record struct HashtagRange(int First, int Count)
{
    public static readonly HashtagRange None = new(-1, 0);

    public bool IsSet => First >= 0;
}
