using TrendingTv.DataLake.Posts.Bluesky;
using static TrendingTv.DataLake.Tests.Posts.Bluesky.BlueskyTestData;

namespace TrendingTv.DataLake.Tests.Posts.Bluesky;

public sealed class JetstreamEventReaderTests
{
    private const string Post = JetstreamEventReader.PostCollection;
    private const string Repost = JetstreamEventReader.RepostCollection;

    public static TheoryData<string, int, JetstreamEventKind, JetstreamOperation, string?> RealEvents => new()
    {
        { Golden, 1, JetstreamEventKind.OtherCollection, JetstreamOperation.Create, "app.bsky.feed.like" },
        { Golden, 2, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Golden, 3, JetstreamEventKind.Repost, JetstreamOperation.Create, Repost },
        { Golden, 4, JetstreamEventKind.OtherCollection, JetstreamOperation.Create, "app.bsky.graph.follow" },
        { Golden, 5, JetstreamEventKind.OtherCollection, JetstreamOperation.Update, "app.bsky.actor.profile" },
        { Golden, 6, JetstreamEventKind.OtherCollection, JetstreamOperation.Delete, "org.hypercerts.claim.activity" },
        { Golden, 7, JetstreamEventKind.OtherCollection, JetstreamOperation.Update, "place.stream.broadcast.origin" },
        { Golden, 8, JetstreamEventKind.Identity, JetstreamOperation.None, null },
        { Golden, 9, JetstreamEventKind.Account, JetstreamOperation.None, null },
        { Golden, 10, JetstreamEventKind.OtherCollection, JetstreamOperation.Create, "app.bsky.graph.block" },
        { Snippets, 1, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 2, JetstreamEventKind.Account, JetstreamOperation.None, null },
        { Snippets, 3, JetstreamEventKind.Delete, JetstreamOperation.Delete, Post },
        { Snippets, 4, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 5, JetstreamEventKind.Identity, JetstreamOperation.None, null },
        { Snippets, 6, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 7, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 8, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 9, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 10, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 11, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 12, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 13, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 14, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 15, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 16, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 17, JetstreamEventKind.OtherCollection, JetstreamOperation.Create, "app.bsky.feed.like" },
        { Snippets, 18, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 19, JetstreamEventKind.OtherCollection, JetstreamOperation.Create, "app.bsky.feed.like" },
        { Snippets, 20, JetstreamEventKind.Post, JetstreamOperation.Create, Post },
        { Snippets, 21, JetstreamEventKind.Delete, JetstreamOperation.Delete, Post },
        { Snippets, 22, JetstreamEventKind.OtherCollection, JetstreamOperation.Create, "app.bsky.graph.block" },
        { Snippets, 23, JetstreamEventKind.Repost, JetstreamOperation.Create, Repost },
    };

    [Theory]
    [MemberData(nameof(RealEvents))]
    public void Every_real_event_is_classified(string file, int line, JetstreamEventKind kind, JetstreamOperation operation, string? collection)
    {
        var e = JetstreamEventReader.Read(Line(file, line));

        Assert.Equal((kind, operation, collection), (e.Kind, e.Operation, e.Collection));
        Assert.Null(e.MalformedReason);
        Assert.StartsWith("did:plc:", e.Did, StringComparison.Ordinal);
        Assert.InRange(e.TimeUs, 1_700_000_000_000_000, 1_800_000_000_000_000);
    }

    [Fact]
    public void Both_real_files_hold_every_line_in_the_table()
    {
        Assert.Equal(Lines(Golden).Count + Lines(Snippets).Count, RealEvents.Count);
    }

    [Fact]
    public void Reply_post_keeps_its_text_langs_and_thread()
    {
        var e = JetstreamEventReader.Read(Line(Golden, 2));

        Assert.Equal("at://did:plc:q235v55g5unth4zjjdpacfdr/app.bsky.feed.post/3mmoojp4cd223", e.RecordUri);
        Assert.Equal(1779719009157119, e.TimeUs);
        Assert.Equal("3mmoojp4cd223", e.RecordKey);
        Assert.Equal("Try RSV for a good time !!", e.Post!.Text);
        Assert.Equal(["en"], e.Post.Langs);
        Assert.Equal("at://did:plc:j76trmiofvaxxpvx2vnb2vwf/app.bsky.feed.post/3mmojbrjwbs26", e.Post.ReplyParentUri);
        Assert.Equal("at://did:plc:j76trmiofvaxxpvx2vnb2vwf/app.bsky.feed.post/3mmojbrjwbs26", e.Post.ReplyRootUri);
        Assert.Empty(e.Post.FacetTags);
        Assert.Null(e.Post.EmbedType);
    }

    [Fact]
    public void Repost_carries_its_subject_and_its_own_uri()
    {
        var e = JetstreamEventReader.Read(Line(Golden, 3));

        Assert.Equal("at://did:plc:eizxoqcsvvvarxeb3pjkblrp/app.bsky.feed.repost/3mmoojpbade2i", e.RecordUri);
        Assert.Equal("at://did:plc:hjloomm2tkve3pmfgbxegl3v/app.bsky.feed.post/3mmood3a6hc25", e.SubjectUri);
        Assert.Null(e.Post);
    }

    [Fact]
    public void Facet_tags_are_read_in_order_and_link_facets_ignored()
    {
        var e = JetstreamEventReader.Read(Line(Snippets, 4));

        Assert.Equal(
            ["live", "WARFRAME", "twitchtv", "streamer", "invaderzim", "alien", "invader", "gaming", "pcgaming", "twitch", "vtuber", "pngtuber"],
            e.Post!.FacetTags);
        Assert.Equal("app.bsky.embed.external", e.Post.EmbedType);
        Assert.Null(e.Post.QuotedUri);
        Assert.StartsWith("going #live on some #WARFRAME come hang out", e.Post.Text, StringComparison.Ordinal);
        Assert.Contains("LETS GO!\nwww.twitch.tv/paracast\n\n#twitchtv", e.Post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_post_names_the_quoted_post_with_or_without_media()
    {
        var withMedia = JetstreamEventReader.Read(Line(Snippets, 6));
        var plain = JetstreamEventReader.Read(Line(Snippets, 10));
        var replyQuote = JetstreamEventReader.Read(Line(Snippets, 9));

        Assert.Equal("app.bsky.embed.recordWithMedia", withMedia.Post!.EmbedType);
        Assert.Equal("at://did:plc:dgmiuoyozdy7yqb5eg45iqxd/app.bsky.feed.post/3lgpvprrink2k", withMedia.Post.QuotedUri);
        Assert.Equal("app.bsky.embed.record", plain.Post!.EmbedType);
        Assert.Equal("at://did:plc:jpkjnmydclkafjyicv3s6hcx/app.bsky.feed.post/3lacsvjm7o62x", plain.Post.QuotedUri);
        Assert.Equal("Quote Post", plain.Post.Text);
        Assert.Equal("at://did:plc:jpkjnmydclkafjyicv3s6hcx/app.bsky.feed.post/3lacy7ydylc22", replyQuote.Post!.QuotedUri);
        Assert.Equal("at://did:plc:jpkjnmydclkafjyicv3s6hcx/app.bsky.feed.post/3lacsvjm7o62x", replyQuote.Post.ReplyParentUri);
        Assert.Equal(string.Empty, replyQuote.Post.Text);
    }

    [Fact]
    public void Deletes_carry_no_record_and_still_name_the_post()
    {
        var e = JetstreamEventReader.Read(Line(Snippets, 21));

        Assert.Equal(JetstreamEventKind.Delete, e.Kind);
        Assert.Equal("at://did:plc:bm3ix5bznclbq2jtst2u2q4w/app.bsky.feed.post/3mbifxsf4wc24", e.RecordUri);
        Assert.Equal(1767409065347713, e.TimeUs);
        Assert.Null(e.Post);
    }

    [Fact]
    public void Events_of_2024_with_short_type_fields_read_like_current_ones()
    {
        var post = JetstreamEventReader.Read(Line(Snippets, 1));
        var delete = JetstreamEventReader.Read(Line(Snippets, 3));

        Assert.Equal("😂😂 omg I’m sorry, I didn’t mean to call you out. Is your air sign Libra?", post.Post!.Text);
        Assert.Equal("at://did:plc:cswpqxequ5cym53m4twheqgx/app.bsky.feed.post/3lb6c7urcrc2v", post.RecordUri);
        Assert.Equal("at://did:plc:3oar65whvsdaxcnwniqthtju/app.bsky.feed.post/3lb6ccogqzs2i", delete.RecordUri);
    }

    [Fact]
    public void Ampersand_sent_as_u0026_is_an_ampersand_in_the_text()
    {
        var e = JetstreamEventReader.Read(Utf8(PostJson("""Law \u0026 Order tonight \u003c3 \u0026amp;""")));

        Assert.Equal("Law & Order tonight <3 &amp;", e.Post!.Text);
    }

    [Fact]
    public void Kind_after_commit_and_collection_after_record_are_read_in_one_pass()
    {
        const string json = """
            {"commit":{"record":{"text":"Watching #Severance","facets":[{"features":[{"tag":"Severance","$type":"app.bsky.richtext.facet#tag"}],"index":{"byteStart":9,"byteEnd":19}}],"langs":["en"]},"rkey":"3mbifys26vc2z","collection":"app.bsky.feed.post","operation":"create"},"time_us":1767409065344776,"kind":"commit","did":"did:plc:g6ifxgrzi22eaemi4lc5pyr2"}
            """;

        var e = JetstreamEventReader.Read(Utf8(json));

        Assert.Equal(JetstreamEventKind.Post, e.Kind);
        Assert.Equal("Watching #Severance", e.Post!.Text);
        Assert.Equal(["Severance"], e.Post.FacetTags);
        Assert.Equal("at://did:plc:g6ifxgrzi22eaemi4lc5pyr2/app.bsky.feed.post/3mbifys26vc2z", e.RecordUri);
    }

    [Fact]
    public void Escaped_property_names_are_the_same_properties()
    {
        const string json = """
            {"d\u0069d":"did:plc:abc","time\u005fus":1767409065344776,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3mbifys26vc2z","record":{"t\u0065xt":"hi","langs":["fr"]}}}
            """;

        var e = JetstreamEventReader.Read(Utf8(json));

        Assert.Equal((JetstreamEventKind.Post, "hi", "fr"), (e.Kind, e.Post!.Text, e.Post.Langs[0]));
    }

    [Fact]
    public void Record_tags_missing_langs_and_regional_langs_are_read_as_written()
    {
        var withTags = JetstreamEventReader.Read(Utf8(PostJson("hello", """ "tags":["TheBear","#Severance"],"langs":["en-US","fr"] """)));
        var withoutLangs = JetstreamEventReader.Read(Utf8(PostJson("hello")));

        Assert.Equal(["TheBear", "#Severance"], withTags.Post!.Tags);
        Assert.Equal(["en-US", "fr"], withTags.Post.Langs);
        Assert.Empty(withoutLangs.Post!.Langs);
    }

    [Fact]
    public void Optional_fields_of_the_wrong_type_are_ignored_and_the_post_kept()
    {
        var e = JetstreamEventReader.Read(Utf8(PostJson("still a post", """ "langs":"en","facets":{"x":1},"tags":[1,"ok",null],"reply":"nope","embed":[] """)));

        Assert.Equal(JetstreamEventKind.Post, e.Kind);
        Assert.Empty(e.Post!.Langs);
        Assert.Empty(e.Post.FacetTags);
        Assert.Equal(["ok"], e.Post.Tags);
        Assert.Null(e.Post.ReplyParentUri);
    }

    [Fact]
    public void Invalid_utf8_in_the_text_becomes_replacement_characters()
    {
        var json = Utf8(PostJson("caf#"));
        var hash = Array.IndexOf(json, (byte)'#');
        json[hash] = 0xC3; // a lead byte without its continuation

        var e = JetstreamEventReader.Read(json);

        Assert.Equal("caf\uFFFD", e.Post!.Text);
    }

    [Fact]
    public void Unknown_kind_is_skipped_with_its_name()
    {
        var e = JetstreamEventReader.Read(Utf8("""{"did":"did:plc:abc","time_us":1767409065344776,"kind":"sync","sync":{"seq":1}}"""));

        Assert.Equal((JetstreamEventKind.UnknownKind, "sync"), (e.Kind, e.KindName));
    }

    [Fact]
    public void Update_of_a_post_is_a_post_with_the_update_operation()
    {
        var e = JetstreamEventReader.Read(Utf8(PostJson("edited", operation: "update")));

        Assert.Equal((JetstreamEventKind.Post, JetstreamOperation.Update, "edited"), (e.Kind, e.Operation, e.Post!.Text));
    }

    public static TheoryData<string, string> MalformedMessages => new()
    {
        { "", "not valid JSON" },
        { "not json", "not valid JSON" },
        { """{"did":"did:plc:abc","time_us":17674090653""", "not valid JSON" },
        { "[1,2]", "an array, not a JSON object" },
        { """{"did":"did:plc:abc","kind":"identity","time_us":1} {}""", "not valid JSON" },
        { """{"time_us":1767409065344776,"kind":"identity"}""", "no 'did'" },
        { """{"did":"did:plc:abc","kind":"identity"}""", "no 'time_us'" },
        { """{"did":"did:plc:abc","time_us":"1767409065344776","kind":"identity"}""", "'time_us' is a string" },
        { """{"did":"did:plc:abc","time_us":1.5e15,"kind":"identity"}""", "'time_us' is a number, not an integer" },
        { """{"did":"did:plc:abc","time_us":-5,"kind":"identity"}""", "'time_us' -5 is not a time" },
        { """{"did":"did:plc:abc","time_us":1767409065344776}""", "no 'kind'" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":7}""", "'kind' is a number" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit"}""", "without a 'commit' object" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":"x"}""", "'commit' is a string, not an object" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"collection":"app.bsky.feed.post","rkey":"3k"}}""", "no 'commit.operation'" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"upsert","collection":"app.bsky.feed.post","rkey":"3k"}}""", "\"upsert\" is not create, update or delete" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"create","rkey":"3k"}}""", "no 'commit.collection'" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post"}}""", "no 'commit.rkey'" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"a/b"}}""", "'commit.rkey' \"a/b\" is not a record key" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":".."}}""", "is not a record key" },
        { """{"did":"plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"3k"}}""", "'did' \"plc:abc\" is not a DID" },
        { """{"did":"did:plc:a/b","time_us":1767409065344776,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"3k"}}""", "is not a DID" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3k"}}""", "a create of app.bsky.feed.post without a 'commit.record' object" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3k","record":{"langs":["en"]}}}""", "a post record without 'text'" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3k","record":{"text":42}}}""", "'record.text' is a number, not a string" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.repost","rkey":"3k","record":{"subject":"did:plc:x"}}}""", "a repost record without a 'subject.uri'" },
        { """{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.repost","rkey":"3k","record":{"subject":{"uri":"https://x"}}}}""", "a repost record without a 'subject.uri'" },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void Malformed_messages_are_classified_with_a_reason_naming_the_problem(string json, string reason)
    {
        var e = JetstreamEventReader.Read(Utf8(json));

        Assert.Equal(JetstreamEventKind.Malformed, e.Kind);
        Assert.Contains(reason, e.MalformedReason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.MalformedReason!);
    }

    [Fact]
    public void Malformed_event_keeps_what_was_read_for_the_quarantine()
    {
        var e = JetstreamEventReader.Read(Utf8("""{"did":"did:plc:abc","time_us":1767409065344776,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3k","record":{}}}"""));

        Assert.Equal(("did:plc:abc", 1767409065344776L, "3k"), (e.Did, e.TimeUs, e.RecordKey));
        Assert.Null(e.RecordUri);
    }

    [Fact]
    public void Deeply_nested_record_is_malformed_not_a_crash()
    {
        var nested = string.Concat(Enumerable.Repeat("""{"a":""", 100)) + "1" + new string('}', 100);

        var e = JetstreamEventReader.Read(Utf8(PostJson("deep", $"\"x\":{nested}")));

        Assert.Equal(JetstreamEventKind.Malformed, e.Kind);
        Assert.Contains("depth", e.MalformedReason, StringComparison.Ordinal);
    }

    private const string PostTemplate =
        """{"did":"did:plc:g6ifxgrzi22eaemi4lc5pyr2","time_us":1767409065344776,"kind":"commit","commit":{"rev":"3mbifys4uz42r","operation":"OPERATION","collection":"app.bsky.feed.post","rkey":"3mbifys26vc2z","record":{"$type":"app.bsky.feed.post","createdAt":"2026-01-03T02:57:45.138Z",TEXT_AND_MORE},"cid":"bafyreic7t2o4m3wdeejy46oidl7annxcpqfj243ldamylkxxo3rly3xxgi"}}""";

    /// <summary>A post create event around <paramref name="jsonText"/> (already JSON-escaped), with extra record properties.</summary>
    internal static string PostJson(string jsonText, string extraRecordProperties = "", string operation = "create") =>
        PostTemplate
            .Replace("OPERATION", operation, StringComparison.Ordinal)
            .Replace("TEXT_AND_MORE", "\"text\":\"" + jsonText + "\"" + (extraRecordProperties.Length > 0 ? "," + extraRecordProperties : string.Empty), StringComparison.Ordinal);
}
