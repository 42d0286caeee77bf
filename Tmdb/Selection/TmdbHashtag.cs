using System.Globalization;
using System.Text;

namespace TrendingTv.Tmdb.Selection;

/// <summary>
/// Generates a show's hashtag from its name: '#' and the name's letters and digits in PascalCase.
/// Words are split at anything that is not a letter, digit or apostrophe; apostrophes are dropped
/// inside a word, so "The Queen's Gambit" gives <c>#TheQueensGambit</c>, "9-1-1" gives <c>#911</c>.
/// </summary>
public static class TmdbHashtag
{
    /// <summary>The hashtag for <paramref name="name"/>; just "#" when the name has no letters or digits.</summary>
    public static string FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tag = new StringBuilder(name.Length + 1).Append('#');
        var startOfWord = true;
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in name.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (IsApostrophe(rune))
            {
                continue;
            }

            if (!IsWordRune(rune))
            {
                startOfWord = true;
                continue;
            }

            var written = startOfWord ? Rune.ToUpperInvariant(rune) : rune;
            tag.Append(buffer[..written.EncodeToUtf16(buffer)]);
            startOfWord = false;
        }

        return tag.ToString();
    }

    /// <summary>The generated hashtag, or <c>#tv{id}</c> when the name has no letters or digits.</summary>
    public static string ForShow(long id, string name)
    {
        var tag = FromName(name);
        return tag.Length > 1 ? tag : string.Create(CultureInfo.InvariantCulture, $"#tv{id}");
    }

    // ' (U+0027), ‘ ’ (U+2018, U+2019) and ʼ (U+02BC): "Grey's", "Grey’s" and "Greyʼs" all give "Greys".
    private static bool IsApostrophe(Rune rune) => rune.Value is 0x27 or 0x2018 or 0x2019 or 0x02BC;

    private static bool IsWordRune(Rune rune) =>
        Rune.IsLetterOrDigit(rune) ||
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
