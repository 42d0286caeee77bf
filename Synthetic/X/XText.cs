using System.Globalization;

namespace TrendingTv.Synthetic.X;

/// <summary>X's text rules shared by both payload writers: HTML escaping, cuts with "…", t.co links, hashtag positions.</summary>
internal static class XText
{
    /// <summary>v1.1 statuses (compatibility mode) show at most this many characters; longer posts are truncated with an extended text.</summary>
    public const int V1Limit = 140;

    /// <summary>v2 posts show at most this many characters; longer ones carry the whole text in <c>note_tweet</c>.</summary>
    public const int V2Limit = 280;

    /// <summary>X escapes these three in post text, in both API versions.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The first <paramref name="length"/> characters (never half an emoji) and "…", or the text when it is short enough.</summary>
    public static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        return string.Concat(Prefix(text, length).TrimEnd(), "…");
    }

    /// <summary>The first <paramref name="length"/> characters, one fewer if the last would be half an emoji.</summary>
    public static ReadOnlySpan<char> Prefix(string text, int length) =>
        text.AsSpan(0, char.IsHighSurrogate(text[length - 1]) ? length - 1 : length);

    /// <summary>A t.co short link, made from <paramref name="seed"/>.</summary>
    public static string ShortLink(long seed) => "https://t.co/" + ShortCode(seed);

    /// <summary>Ten base-62 characters made from <paramref name="seed"/>.</summary>
    public static string ShortCode(long seed)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var value = (ulong)seed * 0x9E3779B97F4A7C15UL;
        Span<char> code = stackalloc char[10];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[(int)(value % 62)];
            value = (value / 62) ^ ((ulong)i * 0xBF58476D1CE4E5B9UL);
        }

        return new string(code);
    }

    /// <summary>The hashtags of <paramref name="tags"/> that appear in <paramref name="text"/>, with their positions.</summary>
    public static IEnumerable<(string Tag, int Start, int End)> Positions(string text, IEnumerable<string> tags)
    {
        foreach (var tag in tags)
        {
            var start = text.IndexOf("#" + tag, StringComparison.Ordinal);
            if (start >= 0)
            {
                yield return (tag, start, start + tag.Length + 1);
            }
        }
    }

    public static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
