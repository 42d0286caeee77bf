using System.Buffers;
using System.Text;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Posts;
using TrendingTv.Synthetic.Posts;
using TrendingTv.Synthetic.X;

namespace TrendingTv.Synthetic.Tests.X;

public sealed class XPayloadWritersTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 21, 15, 30, 250, TimeSpan.Zero);
    private static readonly SyntheticAuthor Fan = new(4242, "fan_of_tv");

    public static TheoryData<XPayloadFormat, XPayloadDetail, string> Cases()
    {
        var data = new TheoryData<XPayloadFormat, XPayloadDetail, string>();
        foreach (var format in Enum.GetValues<XPayloadFormat>())
        {
            foreach (var detail in Enum.GetValues<XPayloadDetail>())
            {
                foreach (var post in Posts.Keys)
                {
                    data.Add(format, detail, post);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_normaliser_reads_back_the_text_and_hashtags_the_post_was_written_with(XPayloadFormat format, XPayloadDetail detail, string name)
    {
        var post = Posts[name];

        var line = Render(format, detail, post);
        var normalised = new PostNormaliser().Normalise(line);

        Assert.Equal(NormalisedLineKind.Post, normalised.Kind);
        var canonical = normalised.Post!;
        var counted = post.Kind == SyntheticPostKind.Repost ? post.Subject! : post;
        Assert.Equal(post.Id, canonical.Id);
        Assert.Equal(post.CreatedAt.ToUnixTimeSeconds(), canonical.CreatedAt.ToUnixTimeSeconds());
        Assert.Equal(counted.Text, canonical.Text);
        Assert.Equal(counted.Hashtags.Select(MatchKeys.HashtagKey), canonical.Hashtags);
        Assert.Equal(format == XPayloadFormat.V1Status ? "v1" : "v2", canonical.Format);
    }

    [Theory]
    [InlineData(XPayloadFormat.V1Status)]
    [InlineData(XPayloadFormat.V2Envelope)]
    public void Text_is_HTML_escaped_as_X_sends_it(XPayloadFormat format)
    {
        var line = Encoding.UTF8.GetString(Render(format, XPayloadDetail.Lean, Posts["escapes"]));

        Assert.Contains("Law &amp; Order &lt;3 &gt; everything", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Law & Order", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_v2_post_shows_a_cut_text_and_keeps_the_whole_one_in_note_tweet()
    {
        using var json = JsonDocument.Parse(Render(XPayloadFormat.V2Envelope, XPayloadDetail.Lean, Posts["long"]));
        var data = json.RootElement.GetProperty("data");

        Assert.EndsWith("…", data.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(data.GetProperty("text").GetString()!.Length <= 280);
        Assert.False(data.TryGetProperty("entities", out _), "the hashtags sit past the cut");
        Assert.Equal(["GreysAnatomy"], data.GetProperty("note_tweet").GetProperty("entities").GetProperty("hashtags").EnumerateArray().Select(h => h.GetProperty("tag").GetString()));
    }

    [Fact]
    public void A_v1_retweet_is_cut_with_an_ellipsis_but_not_truncated_and_embeds_the_extended_original()
    {
        using var json = JsonDocument.Parse(Render(XPayloadFormat.V1Status, XPayloadDetail.Lean, Posts["repost of long"]));
        var status = json.RootElement;

        Assert.StartsWith("RT @fan_of_tv: ", status.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("…", status.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(status.GetProperty("truncated").GetBoolean());
        var original = status.GetProperty("retweeted_status");
        Assert.True(original.GetProperty("truncated").GetBoolean());
        Assert.EndsWith("#GreysAnatomy", original.GetProperty("extended_tweet").GetProperty("full_text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_v2_envelope_may_leave_the_referenced_post_out_of_includes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            XV2EnvelopeWriter.Write(writer, Posts["quote"], new Random(1), XPayloadDetail.Lean, includeSubject: false);
        }

        using var json = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal("quoted", json.RootElement.GetProperty("data").GetProperty("referenced_tweets")[0].GetProperty("type").GetString());
        Assert.False(json.RootElement.TryGetProperty("includes", out _));
    }

    [Fact]
    public void Full_detail_adds_what_the_APIs_send_besides_the_fields_that_are_read()
    {
        var random = new Random(3);
        using var v1 = JsonDocument.Parse(Render(XPayloadFormat.V1Status, XPayloadDetail.Full, Posts["short"], random, photos: 2));
        using var v2 = JsonDocument.Parse(Render(XPayloadFormat.V2Envelope, XPayloadDetail.Full, Posts["quote"], random));

        Assert.True(v1.RootElement.GetProperty("user").TryGetProperty("profile_background_color", out _));
        Assert.Equal(2, v1.RootElement.GetProperty("extended_entities").GetProperty("media").GetArrayLength());
        Assert.Equal(2, v2.RootElement.GetProperty("includes").GetProperty("users").GetArrayLength());
        Assert.Equal(4, v2.RootElement.GetProperty("data").GetProperty("context_annotations").GetArrayLength());
    }

    private static readonly SyntheticPost Subject = new(XSnowflake.Id(At.AddHours(-2), 7), At.AddHours(-2), Fan, "Grey’s Anatomy tonight was everything 🔥 #GreysAnatomy", ["GreysAnatomy"], "en");

    private static readonly SyntheticPost LongSubject = Subject with { Text = PostVocabulary.LongOpening + Subject.Text };

    private static readonly Dictionary<string, SyntheticPost> Posts = new()
    {
        ["short"] = Post("who else is watching The Mandalorian right now?? #TheMandalorian", ["TheMandalorian"]),
        ["escapes"] = Post("Law & Order <3 > everything 😭 مسلسل #SVU", ["SVU"]),
        ["long"] = Post(PostVocabulary.LongOpening + "Grey’s Anatomy #GreysAnatomy", ["GreysAnatomy"]),
        ["no hashtag"] = Post("ok The Crown really said \"plot twist\" & meant it", []),
        ["repost"] = Post(string.Empty, [], SyntheticPostKind.Repost, Subject),
        ["repost of long"] = Post(string.Empty, [], SyntheticPostKind.Repost, LongSubject),
        ["quote"] = Post("this one 👀 #Riverdale", ["Riverdale"], SyntheticPostKind.Quote, Subject),
        ["reply"] = Post("@fan_of_tv same, Cobra Kai forever #CobraKai", ["CobraKai"], SyntheticPostKind.Reply, Subject),
    };

    private static SyntheticPost Post(string text, IReadOnlyList<string> hashtags, SyntheticPostKind kind = SyntheticPostKind.Original, SyntheticPost? subject = null) =>
        new(XSnowflake.Id(At, 1), At, new SyntheticAuthor(99, "viewer99"), text, hashtags, "en", kind, subject);

    private static byte[] Render(XPayloadFormat format, XPayloadDetail detail, SyntheticPost post, Random? random = null, int photos = 0)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (format == XPayloadFormat.V1Status)
            {
                XV1StatusWriter.Write(writer, post, random ?? new Random(1), detail, photos);
            }
            else
            {
                XV2EnvelopeWriter.Write(writer, post, random ?? new Random(1), detail);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }
}
