using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.DataLake.Tests.Catalogue;

/// <summary>The optimised text key against the match-key definition (docs/canonical-records.md) written the plain way, on random mixed-script text.</summary>
public sealed class MatchKeysReferenceTests
{
    // Code points drawn from: ASCII, Latin-1 and Latin Extended, combining marks (and those for symbols, such as the
    // keycap), Greek/Cyrillic (case pairs), Devanagari, Thai, CJK, Hangul, full-width forms, ligatures, Deseret
    // (astral case pairs), emoji, both blocks of variation selectors, lone surrogates, and anywhere in the code space
    // (every category, assigned or not).
    private static readonly (int From, int To)[] Ranges =
    [
        (0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x20D0, 0x20FF), (0x370, 0x3FF), (0x400, 0x4FF), (0x900, 0x97F),
        (0xE00, 0xE7F), (0x4E00, 0x4E80), (0xAC00, 0xAC80), (0xFF01, 0xFFEE), (0xFB00, 0xFB06), (0x10400, 0x1044F),
        (0x1F300, 0x1F64F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0xD800, 0xDFFF), (0x80, 0xFFFF), (0x80, 0x10FFFF),
    ];

    [Fact]
    public void Text_key_agrees_with_the_reference_definition_on_random_unicode_text()
    {
        var random = new Random(20201124);
        for (var i = 0; i < 30_000; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 40);
            for (var j = 0; j < length; j++)
            {
                var (from, to) = Ranges[random.Next(Ranges.Length)];
                var codePoint = random.Next(from, to + 1);
                if (codePoint is >= 0xD800 and <= 0xDFFF)
                {
                    builder.Append((char)codePoint); // a lone surrogate, as a broken payload may carry
                }
                else
                {
                    builder.Append(char.ConvertFromUtf32(codePoint));
                }
            }

            var text = builder.ToString();
            Assert.Equal(ReferenceTextKey(text), MatchKeys.TextKey(text));
        }
    }

    [Fact]
    public void Every_bmp_character_keys_as_the_reference_definition_says()
    {
        for (var c = 0x80; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var text = "A" + (char)c + "b";
            Assert.Equal(ReferenceTextKey(text), MatchKeys.TextKey(text));
        }
    }

    // Characters as code units: xUnit's test-case serialisation cannot carry a lone surrogate in a string.
    [Theory]
    [InlineData(0xFFFE)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void Characters_normalisation_rejects_separate_words_instead_of_failing(int unit)
    {
        var c = (char)unit;
        Assert.Equal(" dark season ", MatchKeys.TextKey($"Dark{c}season"));
        Assert.Equal(" dark season ", MatchKeys.TextKey($"{c}Dark season{c}"));
    }

    [Theory]
    [InlineData(0xFFFE)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void Hashtag_keys_read_characters_normalisation_rejects_as_replacement_characters(int unit) =>
        Assert.Equal("dark\uFFFD", MatchKeys.HashtagKey("#Dark" + (char)unit));

    [Fact]
    public void Text_key_of_long_non_ascii_text_is_complete()
    {
        var text = string.Concat(Enumerable.Repeat("Ｔｈｅ Ｆｌａｓｈ 🔥 Игра ", 200));
        Assert.Equal(ReferenceTextKey(text), MatchKeys.TextKey(text));
    }

    /// <summary>
    /// Lone surrogates and U+FFFE as U+FFFD, NFKC, then rune by rune: variation selectors skipped; letters and digits
    /// lowered, and combining marks while a word is open; every other run one space.
    /// </summary>
    private static string ReferenceTextKey(string text)
    {
        var builder = new StringBuilder(" ");
        var valid = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)).Replace('\uFFFE', '\uFFFD'); // lone surrogates too
        var inWord = false;
        foreach (var rune in valid.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF))
            {
                continue;
            }

            var isMark = Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
            inWord = Rune.IsLetterOrDigit(rune) || (isMark && inWord);
            if (inWord)
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder[^1] == ' ' ? builder.ToString() : builder.Append(' ').ToString();
    }
}
