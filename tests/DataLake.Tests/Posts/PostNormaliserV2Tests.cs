using System.Text;
using TrendingTv.DataLake.Posts;
using static TrendingTv.DataLake.Tests.Posts.PostNormaliserV1Tests;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>X API v2 filtered-stream envelopes ({data, includes, matching_rules}) to canonical records.</summary>
public sealed class PostNormaliserV2Tests
{
    private readonly PostNormaliser _normaliser = new();

    [Fact]
    public void Plain_v2_post_takes_data_text_and_entity_tags()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1377650387579248643,
                CreatedAt = Utc(2021, 4, 1, 15, 53, 42),
                Date = new DateOnly(2021, 4, 1),
                Lang = "en",
                Text = "Who else is watching #WandaVision again & crying at episode 8 #MCU",
                TextKey = " who else is watching wandavision again crying at episode 8 mcu ",
                Hashtags = ["wandavision", "mcu"],
                Format = "v2",
            },
            PostOf("v2-plain.json"));
    }

    [Fact]
    public void Long_post_takes_note_tweet_text_and_its_entities()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1512345678901234567,
                CreatedAt = Utc(2022, 4, 9, 2, 11, 45),
                Date = new DateOnly(2022, 4, 9),
                Lang = "en",
                Text = "Okay, long thoughts on the Severance season finale, spoilers ahead. The way the show builds the tension in the last twenty minutes, cutting between Mark, Helly and Irving on the outside, is some of the best television editing I have seen in years. Adam Scott deserves every award. #Severance #AppleTV",
                TextKey = " okay long thoughts on the severance season finale spoilers ahead the way the show builds the tension in the last twenty minutes cutting between mark helly and irving on the outside is some of the best television editing i have seen in years adam scott deserves every award severance appletv ",
                Hashtags = ["severance", "appletv"],
                Format = "v2",
            },
            PostOf("v2-note-tweet-long-post.json"));
    }

    [Fact]
    public void Retweet_of_long_post_takes_the_included_originals_note_tweet()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1617000000000000999,
                CreatedAt = Utc(2023, 1, 30, 4, 12, 8),
                Date = new DateOnly(2023, 1, 30),
                Lang = "en",
                Text = "The Last of Us episode 3 is a masterpiece. Nick Offerman and Murray Bartlett gave us an entire love story in one hour, and that ending, with the letter and the open window, wrecked me completely. I did not expect a zombie show to do this. #TheLastOfUs #HBO",
                TextKey = " the last of us episode 3 is a masterpiece nick offerman and murray bartlett gave us an entire love story in one hour and that ending with the letter and the open window wrecked me completely i did not expect a zombie show to do this thelastofus hbo ",
                Hashtags = ["thelastofus", "hbo"],
                Format = "v2",
            },
            PostOf("v2-retweet-of-long-post.json"));
    }

    [Fact]
    public void Retweet_whose_original_is_missing_from_includes_falls_back_to_its_own_text()
    {
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1617000000000001111,
                CreatedAt = Utc(2023, 1, 31, 10, 0, 0),
                Date = new DateOnly(2023, 1, 31),
                Lang = "en",
                Text = "RT @deletedaccount: Binge-watching #Fargo season 4 this weekend, the Kansas City setting is gorgeous",
                TextKey = " rt deletedaccount binge watching fargo season 4 this weekend the kansas city setting is gorgeous ",
                Hashtags = ["fargo"],
                Format = "v2",
            },
            PostOf("v2-retweet-with-referenced-post-missing-from-includes.json"));
    }

    [Fact]
    public void Includes_before_data_resolve_the_same_retweet()
    {
        // Key order is not guaranteed by JSON: the original may be read before the retweet that refers to it.
        var line = """
            {"includes":{"tweets":[{"id":"20","text":"quoted &amp; other","entities":{"hashtags":[{"start":0,"end":3,"tag":"No"}]}},{"id":"10","text":"the original #Dark","entities":{"hashtags":[{"start":13,"end":18,"tag":"Dark"}]}}]},"data":{"id":"30","created_at":"2021-04-01T15:53:42.000Z","text":"RT @a: the original #Dark","referenced_tweets":[{"type":"quoted","id":"20"},{"id":"10","type":"retweeted"}],"lang":"de"}}
            """u8;

        var post = _normaliser.Normalise(line).Post!;

        Assert.Equal((30L, "the original #Dark", "dark", "de"), (post.Id, post.Text, post.Hashtags.Single(), post.Lang));
    }

    [Fact]
    public void Quote_in_v2_keeps_the_quoting_posts_text()
    {
        var line = """
            {"data":{"id":"31","created_at":"2021-04-01T15:53:42.000Z","text":"Same #Fury","entities":{"hashtags":[{"start":5,"end":10,"tag":"Fury"}]},"referenced_tweets":[{"type":"quoted","id":"20"}]},"includes":{"tweets":[{"id":"20","text":"original #Other","entities":{"hashtags":[{"start":9,"end":15,"tag":"Other"}]}}]}}
            """u8;

        var post = _normaliser.Normalise(line).Post!;

        Assert.Equal(("Same #Fury", "fury"), (post.Text, post.Hashtags.Single()));
    }

    [Fact]
    public void Raw_utf8_non_latin_text_is_kept()
    {
        var line = Encoding.UTF8.GetBytes("""{"data":{"id":"32","created_at":"2021-04-01T15:53:42Z","text":"«Слово пацана» 🔥 #СловоПацана","entities":{"hashtags":[{"start":17,"end":29,"tag":"СловоПацана"}]},"lang":"ru"}}""");

        var post = _normaliser.Normalise(line).Post!;

        Assert.Equal(("«Слово пацана» 🔥 #СловоПацана", " слово пацана словопацана ", "словопацана"), (post.Text, post.TextKey, post.Hashtags.Single()));
    }

    private CanonicalPost PostOf(string fixture)
    {
        var result = _normaliser.Normalise(PostTestData.Line(fixture));
        Assert.True(result.Kind == NormalisedLineKind.Post, $"{fixture}: {result.Kind} {result.SkipKind}{result.Reason}");
        return result.Post!;
    }
}
