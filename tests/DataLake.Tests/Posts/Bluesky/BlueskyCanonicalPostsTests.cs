using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using static TrendingTv.DataLake.Tests.Posts.Bluesky.BlueskyTestData;

namespace TrendingTv.DataLake.Tests.Posts.Bluesky;

public sealed class BlueskyCanonicalPostsTests
{
    /// <summary>
    /// Every post of the real files and its canonical id, time, lang and hashtag keys. The ids were computed apart from
    /// this code (Python: <c>int.from_bytes(sha256(uri).digest()[:8], "big") &amp; (2**63 - 1)</c>).
    /// </summary>
    public static TheoryData<string, int, long, string, string?, string[]> RealPosts => new()
    {
        { Golden, 2, 1430053798608500502, "2026-05-25T14:23:29Z", "en", [] },
        { Snippets, 1, 520971239106508249, "2024-11-17T20:59:19Z", "en", [] },
        { Snippets, 4, 7805693022221463670, "2025-01-27T20:25:18Z", "en", ["live", "warframe", "twitchtv", "streamer", "invaderzim", "alien", "invader", "gaming", "pcgaming", "twitch", "vtuber", "pngtuber"] },
        { Snippets, 6, 8009305508373414419, "2025-01-27T21:39:22Z", "en", [] },
        { Snippets, 7, 6812588421545379909, "2025-01-27T21:39:23Z", "en", [] },
        { Snippets, 8, 8470953468401288519, "2025-02-09T04:16:22Z", "en", [] },
        { Snippets, 9, 3657009715251948173, "2025-02-09T04:29:26Z", "en", [] },
        { Snippets, 10, 8119511698542939058, "2025-02-09T03:15:25Z", "en", [] },
        { Snippets, 11, 1351393381371999810, "2025-02-09T17:04:33Z", "en", [] },
        { Snippets, 12, 3699901975524011368, "2025-02-09T03:15:46Z", "en", [] },
        { Snippets, 13, 7004455892313238777, "2025-02-09T04:18:06Z", "en", [] },
        { Snippets, 14, 4200964390369305555, "2025-03-20T04:22:42Z", "en", [] },
        { Snippets, 15, 9060477101110850036, "2025-05-20T08:15:20Z", "en", [] },
        { Snippets, 16, 3710348556425736792, "2025-05-20T08:15:20Z", "en", [] },
        { Snippets, 18, 2098721065554426348, "2025-11-21T01:50:21Z", "ja", [] },
        { Snippets, 20, 5412434292086333282, "2026-01-03T02:57:45Z", "en", ["cavs"] },
    };

    [Theory]
    [MemberData(nameof(RealPosts))]
    public void Every_real_post_maps_to_its_canonical_record(string file, int line, long id, string createdAt, string? lang, string[] hashtags)
    {
        var message = Line(file, line);
        var recordText = ExpectedText(message);
        var at = DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture);

        var post = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(message));

        var expected = new CanonicalPost
        {
            Id = id,
            CreatedAt = at,
            Date = DateOnly.FromDateTime(at.UtcDateTime),
            Lang = lang,
            Text = recordText,
            TextKey = MatchKeys.TextKey(recordText),
            Hashtags = hashtags,
            Format = "jetstream",
            Source = "bluesky",
            Uri = UriOf(message),
            Version = NormaliserVersion.Current,
        };
        Assert.Equal(expected, post);
    }

    [Fact]
    public void Every_real_event_that_is_not_a_post_is_a_skip_a_repost_or_a_delete()
    {
        var kinds = Lines(Golden).Concat(Lines(Snippets))
            .Select(line => JetstreamEventReader.Read(line).Kind)
            .Where(kind => kind != JetstreamEventKind.Post)
            .GroupBy(kind => kind)
            .ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(RealPosts.Count, Lines(Golden).Count + Lines(Snippets).Count - kinds.Values.Sum());
        Assert.Equal(
            new Dictionary<JetstreamEventKind, int>
            {
                [JetstreamEventKind.OtherCollection] = 9,
                [JetstreamEventKind.Identity] = 2,
                [JetstreamEventKind.Account] = 2,
                [JetstreamEventKind.Repost] = 2,
                [JetstreamEventKind.Delete] = 2,
            },
            kinds);
    }

    [Fact]
    public void Created_at_is_the_relay_time_not_the_clients_claim()
    {
        // The record says createdAt 2026-05-25T14:23:28.757Z; time_us 1779719009157119 is 14:23:29.157 UTC.
        var post = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Line(Golden, 2)));

        Assert.Equal(new DateTimeOffset(2026, 5, 25, 14, 23, 29, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal(new DateOnly(2026, 5, 25), post.Date);
    }

    [Fact]
    public void Relay_time_just_before_midnight_dates_the_post_that_day()
    {
        // 2026-01-03T23:59:59.999999Z
        var json = JetstreamEventReaderTests.PostJson("late").Replace("1767409065344776", "1767484799999999", StringComparison.Ordinal);

        var post = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Utf8(json)));

        Assert.Equal((new DateTimeOffset(2026, 1, 3, 23, 59, 59, TimeSpan.Zero), new DateOnly(2026, 1, 3)), (post.CreatedAt, post.Date));
    }

    [Fact]
    public void Text_keeps_ampersands_and_entities_as_written()
    {
        var post = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Utf8(JetstreamEventReaderTests.PostJson("""Law \u0026 Order: SVU \u0026amp; more"""))));

        Assert.Equal("Law & Order: SVU &amp; more", post.Text);
        Assert.Equal(" law order svu amp more ", post.TextKey);
    }

    [Fact]
    public void Hashtags_are_facet_tags_then_record_tags_as_keys_once_each()
    {
        const string extra = """
            "facets":[{"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"TheBear"},{"$type":"app.bsky.richtext.facet#link","uri":"https://x"}],"index":{"byteStart":0,"byteEnd":8}},{"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"ＳＥＶＥＲＡＮＣＥ"}],"index":{"byteStart":9,"byteEnd":30}},{"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"thebear"}],"index":{"byteStart":31,"byteEnd":39}}],
            "tags":["#Severance","Shōgun","#",""]
            """;

        var post = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Utf8(JetstreamEventReaderTests.PostJson("#TheBear #ＳＥＶＥＲＡＮＣＥ #thebear", extra))));

        Assert.Equal(["thebear", "severance", "shōgun"], post.Hashtags);
    }

    [Fact]
    public void Lang_is_the_first_of_langs_as_written_or_null()
    {
        var regional = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Utf8(JetstreamEventReaderTests.PostJson("hi", """ "langs":["en-US","es"] """))));
        var none = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Utf8(JetstreamEventReaderTests.PostJson("hi"))));

        Assert.Equal("en-US", regional.Lang);
        Assert.Null(none.Lang);
    }

    [Fact]
    public void Repost_is_its_own_record_about_the_subject_post()
    {
        var repostEvent = JetstreamEventReader.Read(Line(Golden, 3));
        var subject = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Utf8(
            JetstreamEventReaderTests.PostJson("Severance finale tonight", """ "langs":["en"],"tags":["Severance"] """)
                .Replace("did:plc:g6ifxgrzi22eaemi4lc5pyr2", "did:plc:hjloomm2tkve3pmfgbxegl3v", StringComparison.Ordinal)
                .Replace("3mbifys26vc2z", "3mmood3a6hc25", StringComparison.Ordinal))));

        var repost = BlueskyCanonicalPosts.FromRepost(repostEvent, subject);

        Assert.NotNull(repost);
        Assert.Equal(4279420067207617193, repost.Id);
        Assert.Equal("at://did:plc:eizxoqcsvvvarxeb3pjkblrp/app.bsky.feed.repost/3mmoojpbade2i", repost.Uri);
        Assert.Equal(new DateTimeOffset(2026, 5, 25, 14, 23, 29, TimeSpan.Zero), repost.CreatedAt);
        Assert.Equal((subject.Text, subject.TextKey, subject.Lang), (repost.Text, repost.TextKey, repost.Lang));
        Assert.Equal(["severance"], repost.Hashtags);
        Assert.Equal(("jetstream", "bluesky"), (repost.Format, repost.Source));
        Assert.NotEqual(subject.Id, repost.Id);
    }

    [Fact]
    public void Repost_of_a_post_this_capture_did_not_keep_is_dropped()
    {
        var repost = JetstreamEventReader.Read(Line(Snippets, 23));

        Assert.Null(BlueskyCanonicalPosts.FromRepost(repost, subject: null));
    }

    [Fact]
    public void Repost_given_another_post_as_subject_is_refused()
    {
        var repost = JetstreamEventReader.Read(Line(Snippets, 23));
        var other = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Line(Golden, 2)));

        Assert.Throws<ArgumentException>(() => BlueskyCanonicalPosts.FromRepost(repost, other));
    }

    [Fact]
    public void Only_post_events_map_to_post_records()
    {
        var delete = JetstreamEventReader.Read(Line(Snippets, 21));

        var error = Assert.Throws<ArgumentException>(() => BlueskyCanonicalPosts.FromPost(delete));
        Assert.Contains("Delete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_names_the_id_of_the_post_it_deletes()
    {
        var delete = JetstreamEventReader.Read(Line(Snippets, 21));

        Assert.Equal(3694356349189218071, BlueskyCanonicalPosts.IdOf(delete.RecordUri!));
    }

    [Fact]
    public void Ids_are_non_negative_and_differ_for_post_and_repost_of_the_same_key()
    {
        var post = BlueskyCanonicalPosts.IdOf("at://did:plc:abc/app.bsky.feed.post/3k");
        var repost = BlueskyCanonicalPosts.IdOf("at://did:plc:abc/app.bsky.feed.repost/3k");

        Assert.True(post >= 0 && repost >= 0);
        Assert.NotEqual(post, repost);
    }

    [Fact]
    public void Canonical_line_carries_source_and_uri_and_reads_back_equal()
    {
        var post = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Line(Snippets, 20)));

        var line = CanonicalPostJson.Serialize(post);

        Assert.Contains("\"source\":\"bluesky\",\"uri\":\"at://did:plc:g6ifxgrzi22eaemi4lc5pyr2/app.bsky.feed.post/3mbifys26vc2z\"", line, StringComparison.Ordinal);
        Assert.Contains("\"created_at\":\"2026-01-03T02:57:45Z\",\"date\":\"2026-01-03\"", line, StringComparison.Ordinal);
        Assert.Equal(post, CanonicalPostJson.Parse(System.Text.Encoding.UTF8.GetBytes(line)));
    }

    /// <summary>record.text as System.Text.Json decodes it: an independent reading of the same line.</summary>
    private static string ExpectedText(byte[] message)
    {
        using var document = JsonDocument.Parse(message);
        return document.RootElement.GetProperty("commit").GetProperty("record").GetProperty("text").GetString()!;
    }

    private static string UriOf(byte[] message)
    {
        using var document = JsonDocument.Parse(message);
        var commit = document.RootElement.GetProperty("commit");
        return $"at://{document.RootElement.GetProperty("did").GetString()}/{commit.GetProperty("collection").GetString()}/{commit.GetProperty("rkey").GetString()}";
    }
}
