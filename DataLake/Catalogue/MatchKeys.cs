using System.Buffers;
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
        var key = NormalizeKC(hashtag).ToLowerInvariant().Trim();
        return key.StartsWith('#') ? key[1..].Trim() : key;
    }

    /// <summary>
    /// NFKC, lower-case invariant, each run of characters that are not letters, combining marks or
    /// digits replaced by one space, and one space at both ends: " the queen s gambit ".
    /// Returns " " for text with no letters or digits. Lone surrogates and U+FFFE count as U+FFFD (not a word character).
    /// </summary>
    public static string TextKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WordsKey(Ascii.IsValid(text) ? text : NormalizeKC(text));
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

    /// <summary>
    /// NFKC. The two things normalisation rejects, lone surrogates and U+FFFE, are read as U+FFFD first (as the
    /// post decoder reads lone surrogates), so a malformed post never fails here.
    /// </summary>
    private static string NormalizeKC(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return string.Create(text.Length, text, static (valid, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    var c = source[i];
                    if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                    {
                        valid[i] = c;
                        valid[++i] = source[i];
                    }
                    else
                    {
                        valid[i] = char.IsSurrogate(c) || c == '\uFFFE' ? '\uFFFD' : c;
                    }
                }
            }).Normalize(NormalizationForm.FormKC);
        }
    }

    /// <summary>Each ASCII character's key character: itself lowered for letters and digits, ' ' for the rest.</summary>
    private static readonly char[] AsciiKeys = [.. Enumerable.Range(0, 128).Select(c => char.IsAsciiLetterOrDigit((char)c) ? char.ToLowerInvariant((char)c) : ' ')];

    /// <summary>
    /// The key of NFKC text in one pass over a pooled buffer. A hot path of the normaliser (most posts are
    /// mostly ASCII), so ASCII goes through a table and other characters take one category lookup: the word categories
    /// (letters, combining marks, decimal digits) are exactly the <see cref="UnicodeCategory"/> values up to
    /// <see cref="UnicodeCategory.DecimalDigitNumber"/>, and only upper- and title-case letters change when lowered.
    /// A lone surrogate reads as U+FFFD, which is not a word character.
    /// </summary>
    private static string WordsKey(string normalized)
    {
        // Each UTF-16 unit lowers to at most two, plus the two spaces at the ends.
        var rented = ArrayPool<char>.Shared.Rent((2 * normalized.Length) + 2);
        var key = rented.AsSpan();
        try
        {
            var asciiKeys = AsciiKeys;
            var length = 1;
            var afterSpace = true;
            key[0] = ' ';
            for (var i = 0; i < normalized.Length; i++)
            {
                var c = normalized[i];
                if (c < asciiKeys.Length)
                {
                    // Branch-free: words and separators alternate too often for the branch predictor.
                    var k = asciiKeys[c];
                    var isSpace = k == ' ';
                    key[length] = k;
                    length += isSpace && afterSpace ? 0 : 1;
                    afterSpace = isSpace;
                    continue;
                }

                Rune.DecodeFromUtf16(normalized.AsSpan(i), out var rune, out var consumed);
                i += consumed - 1;
                var category = Rune.GetUnicodeCategory(rune);
                if (category <= UnicodeCategory.DecimalDigitNumber)
                {
                    if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter)
                    {
                        rune = Rune.ToLowerInvariant(rune);
                    }

                    length += rune.EncodeToUtf16(key[length..]);
                    afterSpace = false;
                }
                else if (!afterSpace)
                {
                    key[length++] = ' ';
                    afterSpace = true;
                }
            }

            if (!afterSpace)
            {
                key[length++] = ' ';
            }

            return new string(key[..length]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
