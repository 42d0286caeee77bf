using System.Globalization;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.DataLake.Tests.Catalogue;

/// <summary>The match keys (docs/canonical-records.md) on the names, hashtags and posts that broke earlier rules.</summary>
public sealed class MatchKeysTests
{
    [Theory]
    [InlineData("The Queen's Gambit", " the queen s gambit ")]
    [InlineData("The Queen’s Gambit!", " the queen s gambit ")]
    [InlineData("THE QUEEN`S GAMBIT...", " the queen s gambit ")]
    [InlineData("Law & Order: Special Victims Unit", " law order special victims unit ")]
    [InlineData("Marvel's Agents of S.H.I.E.L.D.", " marvel s agents of s h i e l d ")]
    [InlineData("9-1-1: Lone Star", " 9 1 1 lone star ")]
    [InlineData("  Grey's   Anatomy\t\n", " grey s anatomy ")]
    [InlineData("", " ")]
    [InlineData("!!!", " ")]
    public void The_text_key_keeps_words_lower_case_between_single_spaces(string text, string key)
    {
        Assert.Equal(key, MatchKeys.TextKey(text));
    }

    [Theory]
    [InlineData("Watching The Queen’s Gambit! tonight", "The Queen's Gambit", true)]
    [InlineData("#nowwatching the queens gambit", "The Queen's Gambit", false)] // "queens" is not "queen s"
    [InlineData("The Queen's Gambits", "The Queen's Gambit", false)] // whole words only
    [InlineData("RT @x: LAW & ORDER — Special Victims Unit tonight", "Law & Order: Special Victims Unit", true)]
    [InlineData("Law &amp; Order: Special Victims Unit", "Law & Order: Special Victims Unit", false)] // posts must be unescaped first
    [InlineData("Law and Order: Special Victims Unit", "Law & Order: Special Victims Unit", false)]
    [InlineData("marvel’s agents of s.h.i.e.l.d. is back", "Marvel's Agents of S.H.I.E.L.D.", true)]
    [InlineData("Marvel's Agents of SHIELD", "Marvel's Agents of S.H.I.E.L.D.", false)]
    [InlineData("Dark", "Dark Netflix", false)]
    [InlineData("It's dark", "Dark", true)]
    [InlineData("darkness", "Dark", false)]
    public void A_post_mentions_a_show_when_its_text_key_contains_the_show_s_as_whole_words(string post, string show, bool mentions)
    {
        Assert.Equal(mentions, MatchKeys.Mentions(MatchKeys.TextKey(post), MatchKeys.TextKey(show)));
    }

    [Fact]
    public void A_show_key_without_words_mentions_nothing()
    {
        Assert.False(MatchKeys.Mentions(MatchKeys.TextKey("anything at all"), MatchKeys.TextKey("🔥")));
        Assert.False(MatchKeys.Mentions(" ", " "));
    }

    [Theory]
    [InlineData("#TheFlash", "theflash")]
    [InlineData("TheFlash", "theflash")]
    [InlineData("#flash", "flash")]
    [InlineData("#MalcolmInTheMiddle ", "malcolminthemiddle")]
    [InlineData("  #SVU", "svu")]
    [InlineData("#ＴｈｅＦｌａｓｈ", "theflash")] // full-width forms fold under NFKC
    [InlineData("#Ｃａｆé", "café")]
    [InlineData("#Cafe\u0301", "café")] // combining accent composes under NFKC
    [InlineData("#오징어게임", "오징어게임")]
    [InlineData("#", "")]
    public void The_hashtag_key_is_NFKC_lower_case_without_the_hash(string hashtag, string key)
    {
        Assert.Equal(key, MatchKeys.HashtagKey(hashtag));
    }

    [Theory]
    [InlineData("#TheFlash", "theflash", "flash")]
    [InlineData("#flash", "flash", "theflash")]
    [InlineData("#MalcolmInTheMiddle ", "malcolminthemiddle", "themalcolminthemiddle")]
    [InlineData("#TheQueensGambit", "thequeensgambit", "queensgambit")]
    [InlineData("#AgentsofSHIELD", "agentsofshield", "theagentsofshield")]
    public void A_show_s_hashtags_are_its_key_and_the_same_with_the_leading_the_added_or_removed(string hashtag, string key, string alternate)
    {
        Assert.Equal([key, alternate], MatchKeys.ShowHashtagKeys(hashtag));
    }

    [Fact]
    public void TheFlash_and_flash_match_each_other_in_both_directions()
    {
        Assert.Contains(MatchKeys.HashtagKey("flash"), MatchKeys.ShowHashtagKeys("#TheFlash"));
        Assert.Contains(MatchKeys.HashtagKey("TheFlash"), MatchKeys.ShowHashtagKeys("#flash"));
        Assert.Contains(MatchKeys.HashtagKey("THEFLASH"), MatchKeys.ShowHashtagKeys("#TheFlash"));
        Assert.DoesNotContain(MatchKeys.HashtagKey("TheFlashTV"), MatchKeys.ShowHashtagKeys("#TheFlash"));
    }

    [Fact]
    public void A_hashtag_that_is_empty_after_normalisation_has_no_keys()
    {
        Assert.Empty(MatchKeys.ShowHashtagKeys("# "));
    }

    [Theory]
    [InlineData("ペーパー・ハウス", " ペーパー ハウス ")] // katakana long-vowel mark is a letter, the middle dot is not
    [InlineData("오징어 게임", " 오징어 게임 ")]
    [InlineData("Игра в кальмара", " игра в кальмара ")]
    [InlineData("La Casa de Papel — ¡Bella Ciao!", " la casa de papel bella ciao ")]
    [InlineData("نتفليكس: لعبة الحبار", " نتفليكس لعبة الحبار ")]
    [InlineData("नमस्ते दुनिया", " नमस्ते दुनिया ")] // vowel signs stay inside their word
    [InlineData("ﬁnal ﬂash²", " final flash2 ")] // ligatures and superscripts fold under NFKC
    [InlineData("Ｔｈｅ　Ｆｌａｓｈ", " the flash ")] // full-width letters and ideographic space
    [InlineData("Cafe\u0301 Society", " café society ")]
    public void Non_Latin_scripts_keep_their_words(string text, string key)
    {
        Assert.Equal(key, MatchKeys.TextKey(text));
    }

    [Theory]
    [InlineData("🔥🔥 The Mandalorian 🔥", " the mandalorian ")]
    [InlineData("The👏Mandalorian", " the mandalorian ")]
    [InlineData("👨‍👩‍👧 family time: Modern Family", " family time modern family ")] // a ZWJ sequence is not a word
    [InlineData("🇺🇸 The Walking Dead 💀", " the walking dead ")]
    [InlineData("😀", " ")]
    public void Emoji_separate_words_like_punctuation(string text, string key)
    {
        Assert.Equal(key, MatchKeys.TextKey(text));
        Assert.Equal(key.Trim().Length > 0, MatchKeys.Mentions(MatchKeys.TextKey("🔥" + text + "🔥"), key));
    }

    [Fact]
    public void Keys_do_not_depend_on_the_current_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");

            Assert.Equal(" title is it ", MatchKeys.TextKey("TITLE IS IT"));
            Assert.Equal("theinvisibleman", MatchKeys.HashtagKey("#THEINVISIBLEMAN"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_show_matches_by_its_phrase_when_it_has_one_and_its_hashtag_is_trimmed()
    {
        var svu = new Show(2734, "Law & Order: Special Victims Unit", "#SVU", phrase: "Special Victims Unit");
        var malcolm = new Show(2004, "Malcolm in the Middle", "#MalcolmInTheMiddle ");

        Assert.Equal(" special victims unit ", svu.TextKey);
        Assert.True(MatchKeys.Mentions(MatchKeys.TextKey("#SVU: Special Victims Unit returns"), svu.TextKey));
        Assert.Equal("#MalcolmInTheMiddle", malcolm.Hashtag);
        Assert.Equal(["malcolminthemiddle", "themalcolminthemiddle"], malcolm.HashtagKeys);
        Assert.Equal(" malcolm in the middle ", malcolm.TextKey);
    }

    // Real text from posts: what the keys of version 2 changed.

    [Theory]
    [InlineData("❤️ Naruto️!", " naruto ")] // U+FE0F after the heart and after "Naruto": dropped, no stray word
    [InlineData("I ❤️ #Naruto ❤️❤️", " i naruto ")]
    [InlineData("Watching ▶️ Squid Game ☀️", " watching squid game ")]
    [InlineData("⚠️⚠️⚠️ SPOILERS ⚠️", " spoilers ")]
    [InlineData("✌︎ text-style peace", " text style peace ")] // U+FE0E, the text-style selector
    [InlineData("葛\U000E0100飾", " 葛飾 ")] // an ideographic variation selector inside a word
    public void Variation_selectors_are_dropped_so_emoji_leave_no_stray_word(string text, string key)
    {
        Assert.Equal(key, MatchKeys.TextKey(text));
    }

    [Fact]
    public void A_name_followed_by_a_variation_selector_still_matches_the_show()
    {
        Assert.True(MatchKeys.Mentions(MatchKeys.TextKey("❤️ Naruto️!"), MatchKeys.TextKey("Naruto")));
    }

    [Theory]
    [InlineData("Top 2️⃣ shows", " top 2⃣ shows ")] // the keycap mark belongs to the digit it follows
    [InlineData("#️⃣ trending", " trending ")] // after '#' (a separator) the keycap mark is a separator too
    [InlineData("*️⃣*️⃣ Dark", " dark ")]
    public void Keycaps_keep_the_mark_on_their_digit_and_drop_it_after_a_symbol(string text, string key)
    {
        Assert.Equal(key, MatchKeys.TextKey(text));
    }

    [Theory]
    [InlineData("कौन बनेगा करोड़पति", " कौन बनेगा करोड़पति ")] // Devanagari vowel signs and nukta inside words
    [InlineData("तारक मेहता का उल्टा चश्मा", " तारक मेहता का उल्टा चश्मा ")]
    [InlineData("เลือดข้นคนจาง", " เลือดข้นคนจาง ")] // Thai vowel and tone marks inside the word
    [InlineData("ดูซีรีส์ เกมปลาหมึก!", " ดูซีรีส์ เกมปลาหมึก ")]
    public void Hindi_and_Thai_words_keep_their_vowel_signs(string text, string key)
    {
        Assert.Equal(key.Normalize(System.Text.NormalizationForm.FormKC), MatchKeys.TextKey(text));
    }

    [Theory]
    [InlineData("＿￣", " ")] // NFKC makes ￣ a space and a combining macron: the mark follows no word
    [InlineData("(￣▽￣) Dark", " dark ")]
    [InlineData("＿＿￣＿Dark＿", " dark ")]
    [InlineData("\u0301Dark", " dark ")] // a mark at the very start
    [InlineData("Dark \u0301\u0302 season", " dark season ")] // marks after a separator, one after the other
    public void A_mark_after_no_letter_digit_or_mark_is_a_separator(string text, string key)
    {
        Assert.Equal(key, MatchKeys.TextKey(text));
    }

    [Fact]
    public void A_post_lists_each_hashtag_key_once_in_order_of_first_appearance()
    {
        Assert.Equal(
            ["naruto", "anime", "boruto"],
            MatchKeys.PostHashtagKeys("#Naruto", "anime", "NARUTO", "#naruto", "Boruto", "#Ｎａｒｕｔｏ", "#", " "));
        Assert.Empty(MatchKeys.PostHashtagKeys());
    }
}
