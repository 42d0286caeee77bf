using System.Text;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;

namespace TrendingTv.DataLake.Tests.Posts.Bluesky;

public sealed class ShowKeepFilterTests
{
    /// <summary>Shows that stress the rules beside the shipped ones: a phrase, text matching off, other scripts, shared words.</summary>
    private static readonly Show[] ExtraShows =
    [
        new(900001, "Dark", "#DarkNetflix", textMatch: false),
        new(900002, "You", "#YouNetflix", textMatch: false),
        new(900003, "Flash Gordon", "#FlashGordon"),
        new(900004, "進撃の巨人", "#進撃の巨人"),
        new(900005, "Shōgun", "#Shogun"),
        new(900006, "La Casa de Papel", "#LaCasaDePapel", phrase: "Casa de Papel"),
        new(900007, "9-1-1: Lone Star", "#911LoneStar"),
        new(900008, "मिर्ज़ापुर", "#Mirzapur"),
        new(900009, "Love, Death & Robots", "#LoveDeathRobots"),
        new(900010, "The Office", "#TheOffice"),
    ];

    private static readonly ShowCatalogue Catalogue = new(ShowCatalogue.LoadDefault().Shows.Concat(ExtraShows));
    private static readonly ShowKeepFilter Filter = ShowKeepFilter.For(Catalogue);

    [Fact]
    public void Keeps_exactly_the_generated_posts_that_tweet_stat_would_count()
    {
        var random = new Random(20260525);
        int kept = 0, dropped = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var (text, tags) = GeneratedPost(random);
            var post = Map(text, tags);

            var expected = CountedByTweetStat(post);
            Assert.True(expected == Filter.Keeps(post), $"Post {i}: filter says {!expected}, tweet_stat's definition says {expected}: text \"{text}\", hashtags [{string.Join(",", post.Hashtags)}]");
            _ = expected ? kept++ : dropped++;
        }

        // Both outcomes are well represented, so the comparison means something.
        Assert.InRange(kept, 5_000, 15_000);
        Assert.InRange(dropped, 5_000, 15_000);
    }

    [Theory]
    [InlineData("Rewatching the queen’s gambit!!", true)]
    [InlineData("THE QUEEN'S GAMBIT", true)]
    [InlineData("the-queen-s-gambit was great", true)]
    [InlineData("Ｔｈｅ Ｑｕｅｅｎ’ｓ Ｇａｍｂｉｔ", true)]
    [InlineData("queen's gambit", false)]
    [InlineData("Darkness falls", false)]
    [InlineData("Dark season 3", false)]
    [InlineData("You should watch it", false)]
    [InlineData("進撃の巨人 最終回", true)]
    [InlineData("Shōgun episode 3", true)]
    [InlineData("Shogun episode 3", false)]
    [InlineData("Casa de Papel is back", true)]
    [InlineData("La Casa is back", false)]
    [InlineData("9-1-1: Lone Star tonight", true)]
    [InlineData("911 Lone Star tonight", false)]
    [InlineData("love death and robots", false)]
    [InlineData("Love, Death + Robots", true)]
    [InlineData("मिर्ज़ापुर देखा", true)]
    [InlineData("Flash Gordon and the flash", true)]
    [InlineData("", false)]
    public void Text_mentions_keep_a_post_as_whole_words_ignoring_case_and_punctuation(string text, bool keeps)
    {
        Assert.Equal(keeps, Filter.Keeps(Map(text, [])));
        Assert.Equal(keeps, CountedByTweetStat(Map(text, [])));
    }

    [Theory]
    [InlineData("DarkNetflix", true)]
    [InlineData("TheDarkNetflix", true)]
    [InlineData("Flash", true)]
    [InlineData("theflash", true)]
    [InlineData("TheTheFlash", false)]
    [InlineData("office", true)]
    [InlineData("ＳＨＯＧＵＮ", true)]
    [InlineData("Dark", false)]
    [InlineData("Netflix", false)]
    public void Hashtags_keep_a_post_by_key_or_its_the_alternate(string tag, bool keeps)
    {
        Assert.Equal(keeps, Filter.Keeps(Map("nothing to see here", [tag])));
    }

    [Fact]
    public void Show_with_text_match_off_is_kept_by_its_hashtag_only()
    {
        Assert.False(Filter.Keeps(Map("Dark is so good", [])));
        Assert.True(Filter.Keeps(Map("Dark is so good", ["darknetflix"])));
    }

    [Fact]
    public void Keep_all_keeps_posts_that_mention_no_show()
    {
        var post = Map("just lunch", []);

        Assert.True(ShowKeepFilter.KeepAll.Keeps(post));
        Assert.True(ShowKeepFilter.KeepAll.KeepsEverything);
        Assert.False(Filter.Keeps(post));
        Assert.False(Filter.KeepsEverything);
    }

    [Fact]
    public void Filter_holds_every_show_key_of_the_catalogue()
    {
        var textKeys = Catalogue.Shows.Where(s => s.TextMatch).Select(s => s.TextKey).Distinct().Count();
        var hashtagKeys = Catalogue.Shows.SelectMany(s => s.HashtagKeys).Distinct().Count();

        Assert.Equal((textKeys, hashtagKeys), (Filter.TextKeyCount, Filter.HashtagKeyCount));
    }

    /// <summary>
    /// tweet_stat's definition (SparkJobs/sql/tweet_stat.sql over ShowKeysTable's keys), tested against every show:
    /// a hashtag key equal to one of the show's, or, for a text-matched show with a key, its text key inside the post's.
    /// </summary>
    private static bool CountedByTweetStat(CanonicalPost post) =>
        Catalogue.Shows.Any(show =>
            show.HashtagKeys.Any(key => post.Hashtags.Contains(key, StringComparer.Ordinal))
            || (show.TextMatch && show.TextKey.Trim().Length > 0 && post.TextKey.Contains(show.TextKey, StringComparison.Ordinal)));

    /// <summary>The canonical record of a Jetstream post with this text and these #tag facets, through the real reader.</summary>
    private static CanonicalPost Map(string text, IReadOnlyList<string> tags)
    {
        const string Facet = """{"features":[{"$type":"app.bsky.richtext.facet#tag","tag":TAG}],"index":{"byteStart":0,"byteEnd":1}}""";
        const string Post = """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3k","record":{"text":TEXT,"facets":[FACETS]}}}""";
        var facets = string.Join(",", tags.Select(tag => Facet.Replace("TAG", JsonSerializer.Serialize(tag), StringComparison.Ordinal)));
        var json = Post.Replace("FACETS", facets, StringComparison.Ordinal).Replace("TEXT", JsonSerializer.Serialize(text), StringComparison.Ordinal);
        return BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Encoding.UTF8.GetBytes(json)));
    }

    private static readonly string[] Filler =
    [
        "watching", "tonight", "the", "finale", "was", "wild", "omg", "season", "episode", "dark", "you", "flash", "love", "star",
        "casa", "lone", "gambit", "queen", "😂", "🔥", "❤️", "最終回", "見た", "देखा", "شاهدت", "сериал", "épisode", "#", "@someone", "https://bsky.app",
    ];

    private static (string Text, List<string> Tags) GeneratedPost(Random random)
    {
        var parts = new List<string>();
        var tags = new List<string>();
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var show = Catalogue.Shows[random.Next(Catalogue.Count)];
            switch (random.Next(10))
            {
                case 0 or 1:
                    parts.Add(Vary(show.Phrase ?? show.Name, random));
                    break;
                case 2:
                    // A near miss: only part of the name, or the name glued to another word.
                    var words = (show.Phrase ?? show.Name).Split(' ');
                    parts.Add(random.Next(2) == 0 ? words[random.Next(words.Length)] : words[0] + "ness");
                    break;
                case 3:
                    var hashtag = show.Hashtag.TrimStart('#');
                    var variant = random.Next(3) switch
                    {
                        0 => hashtag,
                        1 => hashtag.StartsWith("The", StringComparison.OrdinalIgnoreCase) ? hashtag[3..] : "The" + hashtag,
                        _ => hashtag + "s",
                    };
                    tags.Add(random.Next(2) == 0 ? variant.ToUpperInvariant() : variant);
                    break;
                default:
                    parts.Add(Filler[random.Next(Filler.Length)]);
                    break;
            }
        }

        return (string.Join(random.Next(2) == 0 ? " " : " … ", parts), tags);
    }

    /// <summary>A show name as people write it: other case, curly apostrophes, punctuation, full-width letters, quotes.</summary>
    private static string Vary(string name, Random random) => random.Next(7) switch
    {
        0 => name.ToUpperInvariant(),
        1 => name.ToLowerInvariant(),
        2 => name.Replace('\'', '’'),
        3 => name.Replace(' ', '-'),
        4 => string.Concat(name.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c)),
        5 => $"\"{name}\"!!",
        _ => name,
    };
}
