namespace TrendingTv.DataLake.Posts;

/// <summary>What <see cref="TextChoice"/> picked: the rule, and where the text and its hashtags lie in the line.</summary>
internal readonly record struct ChosenText(TextSource Source, Utf8Slice Text, HashtagRange Hashtags)
{
    public static readonly ChosenText None = new(TextSource.None, Utf8Slice.None, HashtagRange.None);

    public bool IsSet => Source != TextSource.None;
}
