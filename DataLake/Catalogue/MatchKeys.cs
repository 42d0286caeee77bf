using System.Buffers;
using System.Globalization;
using System.Text;

namespace TrendingTv.DataLake.Catalogue;

/// <summary>
/// The one implementation of the match keys (docs/canonical-records.md, "Match keys"), used for posts, show names
/// and hashtags alike.
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
    /// NFKC, lower-case invariant, each run of characters that are not letters or digits replaced by one space, and
    /// one space at both ends: " the queen s gambit ". A combining mark belongs to the word it follows (Hindi, Thai and
    /// accented words stay whole); a mark that follows no letter, digit or mark of a word is a separator; variation
    /// selectors are dropped: "❤️ Naruto️!" keys as " naruto ". Returns " " for text with no letters or digits.
    /// Lone surrogates and U+FFFE count as U+FFFD (not a word character).
    /// </summary>
    public static string TextKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WordsKey(Ascii.IsValid(text) ? text : NormalizeKC(text));
    }

    /// <summary>
    /// A post's hashtag keys: the <see cref="HashtagKey"/> of each hashtag, each key once, in order of first
    /// appearance; hashtags whose key is empty are left out.
    /// </summary>
    public static string[] PostHashtagKeys(params ReadOnlySpan<string> hashtags) => ToPostHashtagKeys(hashtags.ToArray());

    /// <summary>
    /// <see cref="PostHashtagKeys"/> in place, for the normaliser's hot path: each hashtag of the array is replaced by
    /// its key, repeats and empty keys dropped; returns the same array when nothing was dropped.
    /// </summary>
    internal static string[] ToPostHashtagKeys(string[] hashtags)
    {
        var count = 0;
        for (var i = 0; i < hashtags.Length; i++)
        {
            var key = HashtagKey(hashtags[i]);
            if (key.Length > 0 && !hashtags.AsSpan(0, count).Contains(key))
            {
                hashtags[count++] = key;
            }
        }

        return count == hashtags.Length ? hashtags : hashtags[..count];
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

    /// <summary>U+FE00–FE0F and U+E0100–E01EF: they choose a glyph (emoji or text style), never a letter.</summary>
    private static bool IsVariationSelector(int codePoint) =>
        (uint)(codePoint - 0xFE00) <= 0xF || (uint)(codePoint - 0xE0100) <= 0xEF;

    /// <summary>Each ASCII character's key character: itself lowered for letters and digits, ' ' for the rest.</summary>
    private static readonly char[] AsciiKeys = [.. Enumerable.Range(0, 128).Select(c => char.IsAsciiLetterOrDigit((char)c) ? char.ToLowerInvariant((char)c) : ' ')];

    /// <summary>
    /// The key of NFKC text in one pass over a pooled buffer. A hot path of the normaliser (most posts are
    /// mostly ASCII), so ASCII goes through a table and other characters take one category lookup: the word categories
    /// (letters, combining marks, decimal digits) are exactly the <see cref="UnicodeCategory"/> values up to
    /// <see cref="UnicodeCategory.DecimalDigitNumber"/>, and only upper- and title-case letters change when lowered.
    /// A mark needs a word before it: <c>afterSpace</c> is false exactly when the last character kept was a letter,
    /// digit or a mark kept in a word, so a mark after a separator (or at the start) is left out and the separator
    /// run goes on. A variation selector is never kept and leaves <c>afterSpace</c> as it was. A lone surrogate reads
    /// as U+FFFD, which is not a word character. One loop, kept whole on purpose (the normaliser's hottest code):
    /// its state stays in locals the JIT keeps in registers.
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
                    if (category >= UnicodeCategory.NonSpacingMark && category <= UnicodeCategory.EnclosingMark)
                    {
                        // A mark extends the word before it (a variation selector is dropped); with no word before
                        // it, it is part of the separator run.
                        if (!afterSpace && !IsVariationSelector(rune.Value))
                        {
                            length += rune.EncodeToUtf16(key[length..]);
                        }

                        continue;
                    }

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
