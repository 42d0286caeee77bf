using System.Text;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>The one reader of raw payloads, as capture calls it: kind, id, creation time, format; never an exception.</summary>
public sealed class RawPostReaderTests
{
    [Fact]
    public void A_v2_envelope_gives_the_data_id_and_created_at()
    {
        var payload = RawPostReader.Read("""{"data":{"text":"x","id":"1377650090978992134","created_at":"2021-04-01T15:52:31.000Z","author_id":"5"},"includes":{"tweets":[{"id":"9","created_at":"2020-01-01T00:00:00.000Z","text":"y"}]}}"""u8);

        Assert.Equal(
            (RawPayloadKind.Post, 1377650090978992134L, new DateTimeOffset(2021, 4, 1, 15, 52, 31, TimeSpan.Zero), "v2"),
            (payload.Kind, payload.Id, payload.CreatedAt, payload.Format));
    }

    [Fact]
    public void A_v2_id_may_be_a_json_number()
    {
        var payload = RawPostReader.Read("""{"data":{"id":1377650090978992134,"created_at":"2021-04-01T15:52:31.000Z","text":"x"}}"""u8);

        Assert.Equal((RawPayloadKind.Post, 1377650090978992134L), (payload.Kind, payload.Id));
    }

    [Fact]
    public void A_v1_status_gives_its_id_str_and_created_at_not_those_of_the_retweeted_status()
    {
        var payload = RawPostReader.Read("""{"created_at":"Sat Mar 10 14:03:15 +0000 2018","retweeted_status":{"id":1,"id_str":"1","created_at":"Fri Mar 09 01:00:00 +0000 2018","text":"original"},"id":972472958596866048,"id_str":"972472958596866048","text":"RT @a: original","user":{"id":5}}"""u8);

        Assert.Equal(
            (RawPayloadKind.Post, 972472958596866048L, new DateTimeOffset(2018, 3, 10, 14, 3, 15, TimeSpan.Zero), "v1", TextSource.V1RetweetedText),
            (payload.Kind, payload.Id, payload.CreatedAt, payload.Format, payload.TextSource));
    }

    [Fact]
    public void An_old_v1_status_without_id_str_uses_the_numeric_id()
    {
        var payload = RawPostReader.Read("""{"created_at":"Wed Aug 27 13:08:45 +0000 2008","id":1,"text":"hi"}"""u8);

        Assert.Equal((RawPayloadKind.Post, 1L, new DateTimeOffset(2008, 8, 27, 13, 8, 45, TimeSpan.Zero)), (payload.Kind, payload.Id, payload.CreatedAt));
    }

    [Fact]
    public void A_v1_time_with_an_offset_is_read_in_utc()
    {
        var payload = RawPostReader.Read("""{"created_at":"Mon Nov 23 01:30:00 +0200 2020","id_str":"7","text":"x"}"""u8);

        Assert.Equal(new DateTimeOffset(2020, 11, 22, 23, 30, 0, TimeSpan.Zero), payload.CreatedAt);
        Assert.Equal(TimeSpan.Zero, payload.CreatedAt.Offset);
    }

    [Theory]
    [InlineData("""{"errors":[{"title":"operational-disconnect"}]}""", "errors")]
    [InlineData("""{"delete":{"status":{"id":1,"id_str":"1","user_id":3}}}""", "delete")]
    [InlineData("""{"limit":{"track":12,"timestamp_ms":"1520690595660"}}""", "limit")]
    [InlineData("", "blank")]
    [InlineData("\r\n", "blank")]
    public void Notices_keep_alives_and_errors_only_messages_are_not_posts(string line, string kind)
    {
        var payload = RawPostReader.Read(Encoding.UTF8.GetBytes(line));

        Assert.Equal((RawPayloadKind.NotAPost, kind), (payload.Kind, payload.Detail));
        Assert.False(payload.IsPost);
    }

    [Theory]
    [InlineData("this is not json", "invalid JSON: ")]
    [InlineData("""{"data":{"id":"5","text":"cut""", "invalid JSON: ")]
    [InlineData("""{"id":1} {"id":2}""", "invalid JSON: ")]
    [InlineData("[1,2,3]", "the line is an array, not a JSON object")]
    [InlineData("{}", "missing id: the object is neither a post nor a known stream message")]
    [InlineData("""{"data":{"text":"x","created_at":"2021-04-01T15:53:42.000Z"}}""", "missing data.id")]
    [InlineData("""{"data":{"id":"5","text":"x"}}""", "post 5: missing data.created_at")]
    [InlineData("""{"id_str":"12","text":"x"}""", "post 12: missing created_at")]
    [InlineData("""{"id_str":"12","created_at":"Mon Nov 23 18:04:05 +0000 2020"}""", "post 12: missing text")]
    [InlineData("""{"id":"twelve","created_at":"Mon Nov 23 18:04:05 +0000 2020","text":"x"}""", "'id' \"twelve\" is not a numeric id")]
    public void A_malformed_payload_gives_a_one_line_reason_instead_of_an_exception(string line, string reason)
    {
        var payload = RawPostReader.Read(Encoding.UTF8.GetBytes(line));

        Assert.Equal(RawPayloadKind.Malformed, payload.Kind);
        Assert.StartsWith(reason, payload.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', payload.Detail!);
    }

    [Fact]
    public void Every_line_of_the_recorded_streams_is_classified()
    {
        var v2 = Lines("real-v2-filtered-stream-2021-04-01-errors-only-and-duplicate.jsonl").Select(line => RawPostReader.Read(line)).ToList();
        var v1 = Lines("real-v1-stream-2018-03-10-extended-quotes-scripts-one-duplicate.jsonl").Select(line => RawPostReader.Read(line)).ToList();
        var rest = Lines("real-v1-rest-statuses-158-posts.jsonl").Select(line => RawPostReader.Read(line)).ToList();

        Assert.Equal((8, 1), (v2.Count(p => p.IsPost), v2.Count(p => p.Kind == RawPayloadKind.NotAPost)));
        Assert.All(v2.Where(p => p.IsPost), p => Assert.Equal("v2", p.Format));
        Assert.Equal(72, v1.Count(p => p.IsPost && p.Format == "v1" && p.CreatedAt.Date == new DateTime(2018, 3, 10)));
        Assert.Equal(158, rest.Count(p => p.IsPost));
    }

    [Fact]
    public void The_reader_and_the_normaliser_agree_on_every_test_line()
    {
        var normaliser = new PostNormaliser();
        foreach (var file in Directory.GetFiles(PostTestData.PathOf(""), "*.json*"))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var bytes = Encoding.UTF8.GetBytes(line);
                var payload = RawPostReader.Read(bytes);
                var normalised = normaliser.Normalise(bytes);
                switch (normalised.Kind)
                {
                    case NormalisedLineKind.Post:
                        Assert.Equal((RawPayloadKind.Post, normalised.Post!.Id, normalised.Post.CreatedAt, normalised.Post.Format), (payload.Kind, payload.Id, payload.CreatedAt, payload.Format));
                        break;
                    case NormalisedLineKind.Skipped:
                        Assert.Equal((RawPayloadKind.NotAPost, normalised.SkipKind), (payload.Kind, payload.Detail));
                        break;
                    default:
                        Assert.Equal((RawPayloadKind.Malformed, normalised.Reason), (payload.Kind, payload.Detail));
                        break;
                }
            }
        }
    }

    private static IEnumerable<byte[]> Lines(string name) => File.ReadAllLines(PostTestData.PathOf(name)).Select(Encoding.UTF8.GetBytes);
}
