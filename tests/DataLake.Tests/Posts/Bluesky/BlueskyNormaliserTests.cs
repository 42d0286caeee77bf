using System.Text;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;
using static TrendingTv.DataLake.Tests.Posts.Bluesky.BlueskyTestData;

namespace TrendingTv.DataLake.Tests.Posts.Bluesky;

public sealed class BlueskyNormaliserTests
{
    private static readonly DateTimeOffset Hour = new(2026, 5, 25, 14, 0, 0, TimeSpan.Zero);

    // The subject of the golden file's repost (line 3), made from a post event of the reader's tests.
    private static readonly string SubjectPost = JetstreamEventReaderTests.PostJson("Severance finale tonight", """ "langs":["en"],"tags":["Severance"] """)
        .Replace("did:plc:g6ifxgrzi22eaemi4lc5pyr2", "did:plc:hjloomm2tkve3pmfgbxegl3v", StringComparison.Ordinal)
        .Replace("3mbifys26vc2z", "3mmood3a6hc25", StringComparison.Ordinal);

    [Fact]
    public async Task Every_real_event_becomes_its_canonical_record_or_a_skip_by_kind()
    {
        var lines = Lines(Golden).Concat(Lines(Snippets)).ToList();

        var (summary, records) = await NormaliseAsync(new BlueskyNormaliser(), lines);

        var expectedPosts = lines.Select(l => JetstreamEventReader.Read(l)).Where(e => e.Kind == JetstreamEventKind.Post).Select(BlueskyCanonicalPosts.FromPost).ToList();
        Assert.Equal(expectedPosts, records);
        Assert.Equal(lines.Count, summary.LinesRead);
        Assert.Equal(
            new Dictionary<string, long> { ["other_collection"] = 9, ["repost_without_subject"] = 2, ["delete"] = 2, ["identity"] = 2, ["account"] = 2 },
            summary.SkippedByKind);
        Assert.Equal(0, summary.Quarantined);
    }

    [Fact]
    public async Task Text_keeps_escaped_ampersands_as_written_and_dates_come_from_time_us()
    {
        var (_, records) = await NormaliseAsync(new BlueskyNormaliser(), [Utf8(JetstreamEventReaderTests.PostJson("""Law \u0026 Order: SVU \u0026amp; more #SVU"""))]);

        var record = Assert.Single(records);
        Assert.Equal("Law & Order: SVU &amp; more #SVU", record.Text);
        Assert.Equal(BlueskyCanonicalPosts.CreatedAtOf(JetstreamEventReader.Read(Utf8(JetstreamEventReaderTests.PostJson("x"))).TimeUs), record.CreatedAt);
    }

    [Fact]
    public async Task A_repost_after_its_subject_in_the_same_hour_is_a_post_about_it()
    {
        var (summary, records) = await NormaliseAsync(new BlueskyNormaliser(), [Utf8(SubjectPost), Line(Golden, 3)]);

        Assert.Equal(2, summary.PostsWritten);
        var repost = records[1];
        Assert.Equal("at://did:plc:eizxoqcsvvvarxeb3pjkblrp/app.bsky.feed.repost/3mmoojpbade2i", repost.Uri);
        Assert.Equal(records[0].Text, repost.Text);
        Assert.Equal(records[0].Hashtags, repost.Hashtags);
    }

    [Fact]
    public async Task A_repost_of_a_post_in_the_previous_raw_hour_resolves_through_the_lake()
    {
        var lake = new InMemoryObjectStore();
        await lake.PutBytesAsync(LakeLayout.RawPostHourKey(PostSources.Bluesky, Hour.AddHours(-1)), Encoding.UTF8.GetBytes(SubjectPost + "\n"));

        var (withLake, records) = await NormaliseAsync(new BlueskyNormaliser(lake), [Line(Golden, 3)]);
        var (withoutLake, _) = await NormaliseAsync(new BlueskyNormaliser(), [Line(Golden, 3)]);

        Assert.Equal(1, withLake.PostsWritten);
        Assert.Equal(["severance"], Assert.Single(records).Hashtags);
        Assert.Equal(1, withoutLake.SkippedByKind["repost_without_subject"]);
    }

    [Fact]
    public async Task Deleted_ids_are_left_out_and_a_repost_of_a_deleted_post_still_counts()
    {
        var subject = BlueskyCanonicalPosts.FromPost(JetstreamEventReader.Read(Utf8(SubjectPost)));

        var (summary, records) = await NormaliseAsync(new BlueskyNormaliser(), [Utf8(SubjectPost), Line(Golden, 3)], new HashSet<long> { subject.Id });

        Assert.Equal((1L, 1L), (summary.LeftOut, summary.PostsWritten));
        Assert.Equal(subject.Text, Assert.Single(records).Text);
    }

    [Fact]
    public async Task A_garbage_line_is_quarantined_with_its_reason_and_the_rest_go_on()
    {
        var quarantine = new MemoryStream();
        var (summary, _) = await NormaliseAsync(new BlueskyNormaliser(), [Utf8("{not json"), Utf8(SubjectPost)], quarantine: quarantine);

        Assert.Equal((1L, 1L), (summary.Quarantined, summary.PostsWritten));
        Assert.Contains("\"line\":1", Encoding.UTF8.GetString(quarantine.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_raw_bytes_give_the_same_canonical_bytes()
    {
        var raw = Encoding.UTF8.GetBytes(string.Join('\n', Lines(Snippets).Select(Encoding.UTF8.GetString)) + "\n");
        var first = new MemoryStream();
        var second = new MemoryStream();

        await new BlueskyNormaliser().NormaliseHourAsync(Hour, new MemoryStream(raw), first, null, new HashSet<long>());
        await new BlueskyNormaliser().NormaliseHourAsync(Hour, new MemoryStream(raw), second, null, new HashSet<long>());

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    private static async Task<(NormaliseSummary Summary, List<CanonicalPost> Records)> NormaliseAsync(
        BlueskyNormaliser normaliser, IReadOnlyList<byte[]> lines, IReadOnlySet<long>? leaveOut = null, Stream? quarantine = null)
    {
        var raw = new MemoryStream();
        foreach (var line in lines)
        {
            raw.Write(line);
            raw.WriteByte((byte)'\n');
        }

        raw.Position = 0;
        var canonical = new MemoryStream();
        var summary = await normaliser.NormaliseHourAsync(Hour, raw, canonical, quarantine, leaveOut ?? new HashSet<long>());
        var records = Encoding.UTF8.GetString(canonical.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => CanonicalPostJson.Parse(Encoding.UTF8.GetBytes(l))).ToList();
        return (summary, records);
    }
}
