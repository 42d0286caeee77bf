using System.Globalization;
using System.Text;

namespace TrendingTv.DataLake.Catalogue;

/// <summary>
/// The one implementation of DESIGN §4's match keys, used for posts, show names and hashtags alike.
/// </summary>
public static class MatchKeys
{
    /// <summary>NFKC, lower-case invariant, trimmed, without the leading '#'.</summary>
    public static string HashtagKey(string hashtag)
    {
        ArgumentNullException.ThrowIfNull(hashtag);
        var key = hashtag.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Trim();
        return key.StartsWith('#') ? key[1..].Trim() : key;
    }

    /// <summary>
    /// NFKC, lower-case invariant, each run of characters that are not letters, combining marks or
    /// digits replaced by one space, and one space at both ends: " the queen s gambit ".
    /// Returns " " for text with no letters or digits.
    /// </summary>
    public static string TextKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return AsciiTextKey(text);
        }

        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length + 2);
        builder.Append(' ');
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                var lower = Rune.ToLowerInvariant(rune);
                builder.Append(buffer[..lower.EncodeToUtf16(buffer)]);
            }
            else if (builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        if (builder[^1] != ' ')
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }

    /// <summary>True when a post's text key mentions a show's text key as whole words.</summary>
    public static bool Mentions(string postTextKey, string showTextKey) =>
        showTextKey.Length > 2 && postTextKey.Contains(showTextKey, StringComparison.Ordinal);

    /// <summary>
    /// A show's hashtag keys: its own, plus the same with a leading "the" added or removed
    /// (<c>#TheFlash</c> also matches <c>#flash</c>), as the original pipeline did.
    /// </summary>
    public static IReadOnlyList<string> ShowHashtagKeys(string hashtag)
    {
        var key = HashtagKey(hashtag);
        if (key.Length == 0)
        {
            return [];
        }

        var alternate = key.StartsWith("the", StringComparison.Ordinal) && key.Length > 3 ? key[3..] : "the" + key;
        return [key, alternate];
    }

    /// <summary>The same key for ASCII text, which NFKC leaves unchanged: a hot path for the normaliser.</summary>
    private static string AsciiTextKey(string text) =>
        string.Create(AsciiKeyLength(text), text, static (key, source) =>
        {
            var length = 0;
            key[length++] = ' ';
            foreach (var c in source)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    key[length++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                }
                else if (key[length - 1] != ' ')
                {
                    key[length++] = ' ';
                }
            }

            if (key[length - 1] != ' ')
            {
                key[length] = ' ';
            }
        });

    private static int AsciiKeyLength(string text)
    {
        var length = 1;
        var lastIsSpace = true;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                length++;
                lastIsSpace = false;
            }
            else if (!lastIsSpace)
            {
                length++;
                lastIsSpace = true;
            }
        }

        return lastIsSpace ? length : length + 1;
    }

    private static bool IsWordRune(Rune rune)
    {
        if (Rune.IsLetterOrDigit(rune))
        {
            return true;
        }

        // Combining marks belong to their letter (Devanagari, Thai, Arabic vowel signs).
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }
}
