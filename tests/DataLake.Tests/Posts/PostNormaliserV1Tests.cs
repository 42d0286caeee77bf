using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>X API v1.1 status objects (stream and REST shapes) to canonical records, one hand-written fixture per case.</summary>
public sealed class PostNormaliserV1Tests
{
    private readonly PostNormaliser _normaliser = new();

    [Fact]
    public void Plain_post_becomes_its_canonical_record()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1330948384349515777,
                CreatedAt = Utc(2020, 11, 23, 18, 4, 5),
                Date = new DateOnly(2020, 11, 23),
                Lang = "en",
                Text = "Finally watching #TheCrown season 4 and Emma Corrin is incredible",
                TextKey = " finally watching thecrown season 4 and emma corrin is incredible ",
                Hashtags = ["thecrown"],
                Format = "v1",
            },
            PostOf("v1-plain.json"));
    }

    [Fact]
    public void Extended_post_takes_full_text_and_hashtags_from_extended_tweet()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1338275478402691072,
                CreatedAt = Utc(2020, 12, 18, 8, 41, 22),
                Date = new DateOnly(2020, 12, 18),
                Lang = "en",
                Text = "Just finished the finale of The Mandalorian chapter 16 and I am not okay. That last scene with the X-wing arriving, the hallway fight, and Grogu leaving... absolutely perfect television #TheMandalorian #StarWars",
                TextKey = " just finished the finale of the mandalorian chapter 16 and i am not okay that last scene with the x wing arriving the hallway fight and grogu leaving absolutely perfect television themandalorian starwars ",
                Hashtags = ["themandalorian", "starwars"],
                Format = "v1",
            },
            PostOf("v1-extended-hashtags-only-in-extended-tweet.json"));
    }

    [Fact]
    public void Retweet_takes_text_and_hashtags_from_the_original_but_keeps_its_own_id_and_time()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1331227518429007873,
                CreatedAt = Utc(2020, 11, 24, 12, 33, 16),
                Date = new DateOnly(2020, 11, 24),
                Lang = "en",
                Text = "The Queen's Gambit is now our most watched limited series ever #QueensGambit",
                TextKey = " the queen s gambit is now our most watched limited series ever queensgambit ",
                Hashtags = ["queensgambit"],
                Format = "v1",
            },
            PostOf("v1-retweet-of-plain-post.json"));
    }

    [Fact]
    public void Retweet_of_extended_post_takes_hashtags_from_the_original_after_the_140th_char()
    {
        var post = PostOf("v1-retweet-of-extended-post-hashtags-after-140th-char.json");

        Assert.Equal(
            new CanonicalPost
            {
                Id = 1331000000000000777,
                CreatedAt = Utc(2020, 11, 15, 20, 5, 9),
                Date = new DateOnly(2020, 11, 15),
                Lang = "en",
                Text = "Tonight's episode of The Crown covers the 1982 Falklands War and the Fagan break-in, and the performances from Olivia Colman and Gillian Anderson are stunning. Do not miss it. #TheCrown #Netflix",
                TextKey = " tonight s episode of the crown covers the 1982 falklands war and the fagan break in and the performances from olivia colman and gillian anderson are stunning do not miss it thecrown netflix ",
                Hashtags = ["thecrown", "netflix"],
                Format = "v1",
            },
            post);
        Assert.True(post.Text.IndexOf("#TheCrown", StringComparison.Ordinal) > 140);
    }

    [Fact]
    public void Quote_post_uses_the_quoting_posts_own_text_and_hashtags()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1332000000000000099,
                CreatedAt = Utc(2020, 11, 26, 15, 30, 0),
                Date = new DateOnly(2020, 11, 26),
                Lang = "en",
                Text = "Me. Obviously. #Succession can wait https://t.co/QtQtQtQtQt",
                TextKey = " me obviously succession can wait https t co qtqtqtqtqt ",
                Hashtags = ["succession"],
                Format = "v1",
            },
            PostOf("v1-quote-post-uses-quoting-post-text.json"));
    }

    [Fact]
    public void Rest_payload_takes_full_text()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1333000000000000123,
                CreatedAt = Utc(2020, 11, 30, 9, 15, 0),
                Date = new DateOnly(2020, 11, 30),
                Lang = "en",
                Text = "Rewatching Breaking Bad before the final season of #BetterCallSaul and it holds up remarkably well, every single episode of it, even the fly one, which I will defend forever",
                TextKey = " rewatching breaking bad before the final season of bettercallsaul and it holds up remarkably well every single episode of it even the fly one which i will defend forever ",
                Hashtags = ["bettercallsaul"],
                Format = "v1",
            },
            PostOf("v1-rest-full-text.json"));
    }

    [Fact]
    public void Old_post_without_id_str_and_entities_uses_id_and_has_no_hashtags()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1012345678,
                CreatedAt = Utc(2008, 11, 19, 21, 13, 5),
                Date = new DateOnly(2008, 11, 19),
                Lang = null,
                Text = "watching Lost on DVD again, season 2 is better than I remembered",
                TextKey = " watching lost on dvd again season 2 is better than i remembered ",
                Hashtags = [],
                Format = "v1",
            },
            PostOf("v1-old-post-without-id-str-and-entities.json"));
    }

    [Fact]
    public void Html_escapes_amp_lt_gt_are_unescaped_once_and_nothing_else()
    {
        var post = PostOf("v1-html-escaped-ampersand-lt-gt.json");

        // "&amp;amp;" was "&amp;" in what the user typed: one pass gives it back.
        Assert.Equal("Law & Order: SVU tonight <3 and Rizzoli & Isles after -> the best night &amp; that is final #LawAndOrderSVU", post.Text);
        Assert.Equal(" law order svu tonight 3 and rizzoli isles after the best night amp that is final lawandordersvu ", post.TextKey);
        Assert.Equal(["lawandordersvu"], post.Hashtags);
        Assert.Equal(new DateOnly(2020, 12, 1), post.Date);
    }

    [Fact]
    public void Emoji_and_non_latin_text_written_as_escapes_is_decoded()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1335000000000000002,
                CreatedAt = Utc(2020, 12, 2, 13, 45, 30),
                Date = new DateOnly(2020, 12, 2),
                Lang = "ja",
                Text = "鬼滅の刃 最高🔥🔥 مسلسل رائع Мастер и Маргарита #鬼滅の刃 #Драма #CaféSociety",
                TextKey = " 鬼滅の刃 最高 مسلسل رائع мастер и маргарита 鬼滅の刃 драма cafésociety ",
                Hashtags = ["鬼滅の刃", "драма", "cafésociety"],
                Format = "v1",
            },
            PostOf("v1-emoji-and-non-latin-text-escaped.json"));
    }

    [Fact]
    public void Curly_apostrophes_are_kept_in_text_and_ignored_by_the_text_key()
    {
        var post = PostOf("v1-curly-apostrophes.json");

        Assert.Equal("The Queen’s Gambit is the best thing I’ve watched this year “Checkmate” — Beth Harmon", post.Text);
        Assert.Equal(" the queen s gambit is the best thing i ve watched this year checkmate beth harmon ", post.TextKey);
        Assert.Contains(" the queen s gambit ", post.TextKey, StringComparison.Ordinal);
        Assert.Empty(post.Hashtags);
        Assert.Equal(Utc(2020, 12, 3, 23, 59, 59), post.CreatedAt);
    }

    [Theory]
    [InlineData("Mon Nov 23 18:04:05 +0000 2020", "2020-11-23T18:04:05Z")]
    [InlineData("Thu Dec 31 23:30:00 -0100 2020", "2021-01-01T00:30:00Z")]
    [InlineData("Fri Jan 01 00:30:00 +0200 2021", "2020-12-31T22:30:00Z")]
    [InlineData("2020-11-23T18:04:05.999Z", "2020-11-23T18:04:05Z")]
    public void Created_at_is_converted_to_utc_whole_seconds(string createdAt, string expected)
    {
        var line = $$"""{"id":1,"created_at":"{{createdAt}}","text":"x"}""";

        var post = _normaliser.Normalise(System.Text.Encoding.UTF8.GetBytes(line)).Post!;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), post.CreatedAt);
        Assert.Equal(TimeSpan.Zero, post.CreatedAt.Offset);
        Assert.Equal(DateOnly.FromDateTime(post.CreatedAt.UtcDateTime), post.Date);
    }

    [Fact]
    public void Id_str_wins_over_a_different_numeric_id()
    {
        // JavaScript-era clients could round the number; id_str is exact.
        var line = """{"id":1330948384349515800,"id_str":"1330948384349515777","created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"x"}"""u8;

        Assert.Equal(1330948384349515777, _normaliser.Normalise(line).Post!.Id);
    }

    [Fact]
    public void Property_order_does_not_matter()
    {
        var line = """{"entities":{"hashtags":[{"indices":[0,5],"text":"Loki"}]},"text":"#Loki ep 2","lang":"en","created_at":"Mon Nov 23 18:04:05 +0000 2020","id_str":"7"}"""u8;

        var post = _normaliser.Normalise(line).Post!;

        Assert.Equal((7L, "#Loki ep 2", "loki"), (post.Id, post.Text, post.Hashtags.Single()));
    }

    internal static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private CanonicalPost PostOf(string fixture)
    {
        var result = _normaliser.Normalise(PostTestData.Line(fixture));
        Assert.True(result.Kind == NormalisedLineKind.Post, $"{fixture}: {result.Kind} {result.SkipKind}{result.Reason}");
        return result.Post!;
    }
}
