using System.Text;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>
/// The text-choice table of docs/canonical-records.md, row by row: with every candidate from a row down present,
/// that row wins, and the hashtags come from the same object as the text.
/// </summary>
public sealed class TextChoiceTests
{
    private const string Created = "\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\"";

    private static readonly PostNormaliser Normaliser = new();

    // The v1.1 candidates in table order: each carries its own text and one hashtag named after it.
    private static readonly string[] V1Rows =
    [
        "retweeted_status.extended_tweet", "retweeted_status.full_text", "retweeted_status.text",
        "extended_tweet", "full_text", "text",
    ];

    [Theory]
    [InlineData(0, TextSource.V1RetweetedExtendedTweet)]
    [InlineData(1, TextSource.V1RetweetedFullText)]
    [InlineData(2, TextSource.V1RetweetedText)]
    [InlineData(3, TextSource.V1ExtendedTweet)]
    [InlineData(4, TextSource.V1FullText)]
    [InlineData(5, TextSource.V1Text)]
    public void The_first_present_v1_candidate_gives_the_text_and_its_hashtags(int firstRow, TextSource source)
    {
        var line = Encoding.UTF8.GetBytes(V1Status(firstRow));

        var post = Normaliser.Normalise(line).Post!;

        Assert.Equal(source, RawPostReader.Read(line).TextSource);
        Assert.Equal($"text of row {firstRow}", post.Text);
        Assert.Equal([$"row{firstRow}"], post.Hashtags);
    }

    [Theory]
    [InlineData(true, true, true, true, TextSource.V2RetweetedNoteTweet, "included note")]
    [InlineData(false, true, true, true, TextSource.V2RetweetedText, "included text")]
    [InlineData(false, false, true, true, TextSource.V2NoteTweet, "own note")]
    [InlineData(false, false, false, true, TextSource.V2Text, "own text")]
    public void A_v2_retweet_takes_the_included_post_note_tweet_first(bool includedNote, bool includedText, bool ownNote, bool ownText, TextSource source, string text)
    {
        var line = Encoding.UTF8.GetBytes(V2Retweet(includedNote, includedText, ownNote, ownText, includedId: "99"));

        var post = Normaliser.Normalise(line).Post!;

        Assert.Equal(source, RawPostReader.Read(line).TextSource);
        Assert.Equal(text, post.Text);
        Assert.Equal([text.Replace(" ", "", StringComparison.Ordinal)], post.Hashtags);
    }

    [Fact]
    public void A_v2_retweet_whose_post_is_missing_from_includes_falls_back_to_its_own_text_and_hashtags()
    {
        var line = Encoding.UTF8.GetBytes(V2Retweet(includedNote: true, includedText: true, ownNote: false, ownText: true, includedId: "12345"));

        var post = Normaliser.Normalise(line).Post!;

        Assert.Equal(TextSource.V2Text, RawPostReader.Read(line).TextSource);
        Assert.Equal("own text", post.Text);
        Assert.Equal(["owntext"], post.Hashtags);
    }

    [Fact]
    public void A_long_form_without_entities_takes_the_hashtags_of_the_post_that_carries_it()
    {
        var line = Encoding.UTF8.GetBytes($$$"""{"id":1,{{{Created}}},"text":"short #a","entities":{"hashtags":[{"text":"a"}]},"extended_tweet":{"full_text":"long #a"}}""");

        var post = Normaliser.Normalise(line).Post!;

        Assert.Equal("long #a", post.Text);
        Assert.Equal(["a"], post.Hashtags);
    }

    [Fact]
    public void A_tag_repeated_in_one_post_is_listed_once()
    {
        var line = Encoding.UTF8.GetBytes(
            """{"data":{"id":"5","created_at":"2021-04-01T15:53:42.000Z","text":"#Naruto #naruto #Boruto #NARUTO","entities":{"hashtags":[{"tag":"Naruto"},{"tag":"naruto"},{"tag":"Boruto"},{"tag":"NARUTO"}]}}}""");

        Assert.Equal(["naruto", "boruto"], Normaliser.Normalise(line).Post!.Hashtags);
    }

    private static string V1Status(int firstRow)
    {
        string Text(int row) => $"\"text of row {row}\"";
        string Entities(int row) => $$"""
            "entities":{"hashtags":[{"text":"row{{row}}"}]}
            """;
        var retweeted = new List<string> { "\"id\":1", Created };
        var status = new List<string> { "\"id_str\":\"2\"", Created };
        if (firstRow <= 0)
        {
            retweeted.Add($$"""
                "extended_tweet":{"full_text":{{Text(0)}},{{Entities(0)}}}
                """);
        }

        // full_text and text of one object share its entities: the object's hashtags are those of the first of them present.
        if (firstRow <= 2)
        {
            var row = Math.Max(firstRow, 1);
            if (firstRow <= 1)
            {
                retweeted.Add($"\"full_text\":{Text(1)}");
            }

            retweeted.Add($"\"text\":{Text(2)}");
            retweeted.Add(Entities(firstRow <= 0 ? 9 : row));
            status.Add("\"retweeted_status\":{" + string.Join(',', retweeted) + "}");
        }

        if (firstRow <= 3)
        {
            status.Add($$"""
                "extended_tweet":{"full_text":{{Text(3)}},{{Entities(3)}}}
                """);
        }

        if (firstRow <= 4)
        {
            status.Add($"\"full_text\":{Text(4)}");
        }

        status.Add($"\"text\":{Text(5)}");
        status.Add(Entities(firstRow <= 3 ? 9 : Math.Max(firstRow, 4)));
        return "{" + string.Join(',', status) + "}";
    }

    private static string V2Retweet(bool includedNote, bool includedText, bool ownNote, bool ownText, string includedId)
    {
        static string Tags(string text) => $$"""{"hashtags":[{"tag":"{{text.Replace(" ", "", StringComparison.Ordinal)}}"}]}""";
        var included = new List<string> { $"\"id\":\"{includedId}\"" };
        if (includedNote)
        {
            included.Add($$"""
                "note_tweet":{"text":"included note","entities":{{Tags("included note")}}}
                """);
        }

        if (includedText)
        {
            included.Add($$"""
                "text":"included text","entities":{{Tags("included text")}}
                """);
        }

        var data = new List<string> { "\"id\":\"5\"", "\"created_at\":\"2021-04-01T15:53:42.000Z\"", "\"referenced_tweets\":[{\"type\":\"retweeted\",\"id\":\"99\"}]" };
        if (ownNote)
        {
            data.Add($$"""
                "note_tweet":{"text":"own note","entities":{{Tags("own note")}}}
                """);
        }

        if (ownText)
        {
            data.Add($$"""
                "text":"own text","entities":{{Tags("own text")}}
                """);
        }

        return "{\"data\":{" + string.Join(',', data) + "},\"includes\":{\"tweets\":[{" + string.Join(',', included) + "}]}}";
    }
}
