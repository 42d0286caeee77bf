namespace TrendingTv.DataLake.Posts;

/// <summary>A parsed line after DESIGN §4's precedence: a post (slices still undecoded) or a skipped message.</summary>
internal readonly record struct ResolvedLine(
    string? SkipKind, int Format, long Id, DateTimeOffset CreatedAt, Utf8Slice Lang, Utf8Slice Text, HashtagRange Hashtags)
{
    public static ResolvedLine Skip(string kind) => new(kind, 0, 0, default, Utf8Slice.None, Utf8Slice.None, HashtagRange.None);

    public static ResolvedLine Post(int format, long id, DateTimeOffset createdAt, Utf8Slice lang, Utf8Slice text, HashtagRange hashtags) =>
        new(null, format, id, createdAt, lang, text, hashtags);
}
