using System.Text;
using System.Text.Json;
using TrendingTv.DataLake.Posts;
using static TrendingTv.DataLake.Tests.Posts.PostNormaliserV1Tests;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>The canonical JSON line format that the uploader writes and DuckDB/Spark read with an explicit schema.</summary>
public sealed class CanonicalPostJsonTests
{
    private static readonly CanonicalPost Sample = new()
    {
        Id = 1330948384349515777,
        CreatedAt = new DateTimeOffset(2020, 11, 23, 19, 4, 5, TimeSpan.FromHours(1)),
        Date = new DateOnly(2020, 11, 23),
        Lang = "en",
        Text = "Law & Order \"SVU\" <3 é 🔥",
        TextKey = " law order svu 3 é ",
        Hashtags = ["lawandorder", "svu"],
        Format = "v1",
        Version = 2,
    };

    [Fact]
    public void Writes_the_documented_shape_with_utc_z_whole_seconds_and_date()
    {
        Assert.Equal(
            """{"id":1330948384349515777,"created_at":"2020-11-23T18:04:05Z","date":"2020-11-23","lang":"en","text":"Law & Order \"SVU\" <3 é \uD83D\uDD25","text_key":" law order svu 3 é ","hashtags":["lawandorder","svu"],"format":"v1","source":"x","version":2}""",
            CanonicalPostJson.Serialize(Sample));
    }

    [Fact]
    public void A_post_with_a_uri_writes_it_after_its_source_and_reads_it_back()
    {
        var bluesky = Sample with { Source = PostSources.Bluesky, Uri = "at://did:plc:abc/app.bsky.feed.post/3l3qo2vuowo2b" };

        var json = CanonicalPostJson.Serialize(bluesky);

        Assert.EndsWith("\"source\":\"bluesky\",\"uri\":\"at://did:plc:abc/app.bsky.feed.post/3l3qo2vuowo2b\",\"version\":2}", json, StringComparison.Ordinal);
        Assert.Equal(bluesky with { CreatedAt = Utc(2020, 11, 23, 18, 4, 5) }, CanonicalPostJson.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_record_written_before_sources_and_versions_reads_as_x_version_0()
    {
        var parsed = CanonicalPostJson.Parse("""{"id":1,"created_at":"2020-11-23T18:04:05Z","date":"2020-11-23","lang":null,"text":"x","text_key":" x ","hashtags":[],"format":"v1"}"""u8);

        Assert.Equal(PostSources.X, parsed.Source);
        Assert.Null(parsed.Uri);
        Assert.Equal(0, parsed.Version);
    }

    [Fact]
    public void Null_lang_and_no_hashtags_are_written_explicitly()
    {
        var json = CanonicalPostJson.Serialize(Sample with { Lang = null, Hashtags = [] });

        Assert.Contains("\"lang\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"hashtags\":[]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reads_back_what_write_wrote()
    {
        var parsed = CanonicalPostJson.Parse(Encoding.UTF8.GetBytes(CanonicalPostJson.Serialize(Sample)));

        Assert.Equal(Sample with { CreatedAt = Utc(2020, 11, 23, 18, 4, 5) }, parsed);
        Assert.Equal(TimeSpan.Zero, parsed.CreatedAt.Offset);
    }

    [Fact]
    public void Parse_names_the_missing_field()
    {
        var ex = Assert.Throws<FormatException>(() => CanonicalPostJson.Parse("""{"id":1,"created_at":"2020-11-23T18:04:05Z","date":"2020-11-23","text":"x","hashtags":[],"format":"v1"}"""u8));

        Assert.Contains("'text_key'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_invalid_json_as_a_format_error()
    {
        Assert.Throws<FormatException>(() => CanonicalPostJson.Parse("""{"id":1,"""u8));
    }

    [Fact]
    public async Task Read_all_names_the_bad_line_number()
    {
        var text = CanonicalPostJson.Serialize(Sample) + "\n\n{\"id\":\"x\"}\n";

        var ex = await Assert.ThrowsAsync<FormatException>(async () =>
        {
            await foreach (var _ in CanonicalPostJson.ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text))))
            {
            }
        });

        Assert.StartsWith("Canonical post line 3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_canonical_field_has_the_json_type_of_the_reader_schema()
    {
        using var doc = JsonDocument.Parse(CanonicalPostJson.Serialize(Sample));
        var root = doc.RootElement;

        Assert.Equal(
            ["id", "created_at", "date", "lang", "text", "text_key", "hashtags", "format", "source", "version"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("version").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("hashtags").ValueKind);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", root.GetProperty("created_at").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", root.GetProperty("date").GetString());
    }

    [Fact]
    public void Records_with_equal_hashtags_are_equal()
    {
        Assert.Equal(Sample, Sample with { Hashtags = ["lawandorder", "svu"] });
        Assert.NotEqual(Sample, Sample with { Hashtags = ["svu", "lawandorder"] });
    }
}
