using System.Text;
using System.Text.RegularExpressions;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.DataLake.Tests.Catalogue;

public sealed class MatchKeysAsciiTests
{
    [Theory]
    [InlineData("", " ")]
    [InlineData("!!!", " ")]
    [InlineData("a", " a ")]
    [InlineData("  The Flash!! ", " the flash ")]
    [InlineData("Law & Order: SVU", " law order svu ")]
    [InlineData("S.H.I.E.L.D.", " s h i e l d ")]
    [InlineData("RT @user: #TheMandalorian 4K\tHDR", " rt user themandalorian 4k hdr ")]
    public void Ascii_text_key_lowers_letters_and_folds_every_other_run_into_one_space(string text, string expected) =>
        Assert.Equal(expected, MatchKeys.TextKey(text));

    [Fact]
    public void Ascii_text_key_agrees_with_the_reference_definition_on_random_text()
    {
        var random = new Random(20201123);
        for (var i = 0; i < 5_000; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 60);
            for (var j = 0; j < length; j++)
            {
                builder.Append((char)random.Next(0, 128));
            }

            var text = builder.ToString();
            var reference = " " + Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9]+", " ").Trim() + " ";
            Assert.Equal(reference.Replace("  ", " ", StringComparison.Ordinal), MatchKeys.TextKey(text));
        }
    }

    [Fact]
    public void Ascii_and_non_ascii_spellings_of_the_same_words_get_the_same_key() =>
        Assert.Equal(MatchKeys.TextKey("The Queen's Gambit!"), MatchKeys.TextKey("The Queen’s Gambit!"));
}
