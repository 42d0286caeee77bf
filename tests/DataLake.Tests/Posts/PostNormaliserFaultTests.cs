using System.Text;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>Lines that are not posts are skipped by kind; malformed lines are quarantined with a reason naming the fault.</summary>
public sealed class PostNormaliserFaultTests
{
    private readonly PostNormaliser _normaliser = new();

    [Fact]
    public void Stream_messages_that_are_not_posts_are_skipped_by_kind()
    {
        var kinds = File.ReadAllLines(PostTestData.PathOf("stream-messages-that-are-not-posts.jsonl"))
            .Select(line => _normaliser.Normalise(Encoding.UTF8.GetBytes(line)))
            .Select(result => (result.Kind, result.SkipKind))
            .ToArray();

        Assert.Equal(
            new[] { "delete", "limit", "warning", "disconnect", "status_withheld", "user_withheld", "scrub_geo", "errors" }
                .Select(kind => (NormalisedLineKind.Skipped, (string?)kind)),
            kinds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r")]
    [InlineData("   \t ")]
    public void Blank_and_keep_alive_lines_are_skipped_as_blank(string line)
    {
        Assert.Equal(NormalisedLine.Skipped("blank"), _normaliser.Normalise(Encoding.UTF8.GetBytes(line)));
    }

    [Theory]
    [InlineData("this is not json", "invalid JSON")]
    [InlineData("{\"id\":1,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"cut", "invalid JSON")]
    [InlineData("{\"id\":1,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"x\"} {}", "invalid JSON")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("{}", "missing id")]
    [InlineData("{\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"x\"}", "missing id")]
    [InlineData("{\"id_str\":\"12\",\"text\":\"x\"}", "missing created_at")]
    [InlineData("{\"id_str\":\"12\",\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\"}", "missing text")]
    [InlineData("{\"id\":\"twelve\",\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"x\"}", "'id' \"twelve\" is not a numeric id")]
    [InlineData("{\"id\":1.5,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"x\"}", "not a 64-bit integer")]
    [InlineData("{\"id\":1,\"created_at\":1606154645,\"text\":\"x\"}", "wrong type: 'created_at' is a number, expected a string")]
    [InlineData("{\"id\":1,\"created_at\":\"yesterday\",\"text\":\"x\"}", "'created_at' \"yesterday\" is neither")]
    [InlineData("{\"id\":1,\"created_at\":\"2020-11-23T18:04:05\",\"text\":\"x\"}", "is neither")]
    [InlineData("{\"id\":1,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":42}", "wrong type: 'text' is a number, expected a string")]
    [InlineData("{\"id\":1,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"x\",\"entities\":[]}", "wrong type: 'entities' is an array")]
    [InlineData("{\"id\":1,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"x\",\"entities\":{\"hashtags\":[{\"text\":7}]}}", "'entities.hashtags[].text' is a number")]
    [InlineData("{\"id\":1,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"x\",\"retweeted_status\":\"no\"}", "'retweeted_status' is a string")]
    [InlineData("{\"id\":1,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"x\",\"extended_tweet\":{\"full_text\":[]}}", "'extended_tweet.full_text' is an array")]
    [InlineData("{\"data\":{\"text\":\"x\",\"created_at\":\"2021-04-01T15:53:42.000Z\"}}", "missing data.id")]
    [InlineData("{\"data\":{\"id\":\"5\",\"text\":\"x\"}}", "missing data.created_at")]
    [InlineData("{\"data\":[{\"id\":\"5\"}]}", "wrong type: 'data' is an array")]
    [InlineData("{\"data\":{\"id\":\"5\",\"text\":\"x\",\"created_at\":\"2021-04-01T15:53:42.000Z\",\"note_tweet\":{\"text\":null,\"entities\":{\"hashtags\":{}}}}}", "'data.note_tweet.entities.hashtags' is an object")]
    [InlineData("{\"data\":{\"id\":\"5\",\"text\":\"x\",\"created_at\":\"2021-04-01T15:53:42.000Z\"},\"includes\":{\"tweets\":{}}}", "'includes.tweets' is an object")]
    public void Malformed_line_is_quarantined_with_a_reason_naming_the_fault(string line, string reason)
    {
        var result = _normaliser.Normalise(Encoding.UTF8.GetBytes(line));

        Assert.Equal(NormalisedLineKind.Quarantined, result.Kind);
        Assert.Null(result.Post);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_over_the_limit_is_quarantined_without_parsing()
    {
        var normaliser = new PostNormaliser(new PostNormaliserOptions { MaxLineBytes = 2048 });
        var text = new string('a', 2100);
        var line = Encoding.UTF8.GetBytes($$"""{"id":1,"created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"{{text}}"}""");

        var result = normaliser.Normalise(line);

        Assert.Equal(NormalisedLineKind.Quarantined, result.Kind);
        Assert.Equal($"line of {line.Length} bytes is over the 2048-byte limit", result.Reason);
    }

    [Fact]
    public void Default_limit_is_one_mebibyte()
    {
        Assert.Equal(1024 * 1024, new PostNormaliser().Options.MaxLineBytes);
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_setting()
    {
        var ex = Assert.ThrowsAny<System.ComponentModel.DataAnnotations.ValidationException>(
            () => new PostNormaliser(new PostNormaliserOptions { MaxLineBytes = 0 }));

        Assert.Contains(nameof(PostNormaliserOptions.MaxLineBytes), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogate_escape_in_text_becomes_a_replacement_character_not_a_lost_post()
    {
        // X cuts text mid-emoji; archives written by Python keep the half as \ud83d.
        var line = """{"id":1,"created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"cut \ud83d and a pair \ud83d\ude00 \u00e9\n\"q\" \\ \/"}"""u8;

        var post = _normaliser.Normalise(line).Post!;

        Assert.Equal("cut \uFFFD and a pair 😀 é\n\"q\" \\ /", post.Text);
    }

    [Fact]
    public void Noncharacter_U_FFFE_in_text_and_hashtag_is_a_word_break_not_a_lost_post()
    {
        // Unicode normalisation rejects U+FFFE; the match keys must not, or one odd post would stop the whole file.
        var line = """{"data":{"id":"2","created_at":"2020-11-23T18:04:05.000Z","text":"The￾Crown #Crown￾","entities":{"hashtags":[{"start":11,"end":18,"tag":"Crown￾"}]}}}"""u8;

        var post = _normaliser.Normalise(line).Post!;

        Assert.Equal((" the crown crown ", "crown�"), (post.TextKey, post.Hashtags.Single()));
    }

    [Fact]
    public void Escaped_property_names_are_understood()
    {
        var line = """{"\u0069d":3,"created_at":"Mon Nov 23 18:04:05 +0000 2020","t\u0065xt":"hello"}"""u8;

        var post = _normaliser.Normalise(line).Post!;

        Assert.Equal((3L, "hello"), (post.Id, post.Text));
    }

    [Fact]
    public void Byte_order_mark_and_crlf_are_ignored()
    {
        var line = Encoding.UTF8.GetBytes("\uFEFF{\"id\":4,\"created_at\":\"Mon Nov 23 18:04:05 +0000 2020\",\"text\":\"hi\"}\r");

        Assert.Equal(4, _normaliser.Normalise(line).Post!.Id);
    }
}
