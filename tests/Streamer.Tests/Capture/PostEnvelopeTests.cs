using System.Text;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Tests.Capture;

public sealed class PostEnvelopeTests
{
    [Fact]
    public void A_v2_envelope_gives_the_data_id_and_created_at()
    {
        var kind = PostEnvelope.Read("""{"data":{"text":"x","id":"1377650090978992134","created_at":"2021-04-01T15:52:31.000Z","author_id":"5"},"includes":{"tweets":[{"id":"9","created_at":"2020-01-01T00:00:00.000Z"}]}}"""u8, out var id, out var created);

        Assert.Equal(PayloadKind.Post, kind);
        Assert.Equal(1377650090978992134, id);
        Assert.Equal(new DateTimeOffset(2021, 4, 1, 15, 52, 31, TimeSpan.Zero), created);
    }

    [Fact]
    public void A_v1_status_gives_its_id_str_and_created_at_not_those_of_the_retweeted_status()
    {
        var kind = PostEnvelope.Read("""{"created_at":"Sat Mar 10 14:03:15 +0000 2018","retweeted_status":{"id":1,"id_str":"1","created_at":"Fri Mar 09 01:00:00 +0000 2018"},"id":972472958596866048,"id_str":"972472958596866048","user":{"id":5}}"""u8, out var id, out var created);

        Assert.Equal(PayloadKind.Post, kind);
        Assert.Equal(972472958596866048, id);
        Assert.Equal(new DateTimeOffset(2018, 3, 10, 14, 3, 15, TimeSpan.Zero), created);
    }

    [Fact]
    public void An_old_v1_status_without_id_str_uses_the_numeric_id()
    {
        PostEnvelope.Read("""{"created_at":"Wed Aug 27 13:08:45 +0000 2008","id":1,"text":"hi"}"""u8, out var id, out _);

        Assert.Equal(1, id);
    }

    [Theory]
    [InlineData("""{"errors":[{"title":"operational-disconnect"}]}""")]
    [InlineData("""{"delete":{"status":{"id":1,"id_str":"1","user_id":3}}}""")]
    [InlineData("""{"limit":{"track":12,"timestamp_ms":"1520690595660"}}""")]
    public void Notices_and_errors_only_messages_are_not_posts(string line)
    {
        Assert.Equal(PayloadKind.NotAPost, PostEnvelope.Read(Encoding.UTF8.GetBytes(line), out _, out _));
    }

    [Fact]
    public void Every_line_of_the_recorded_streams_is_classified()
    {
        var v2 = File.ReadAllLines(TestFiles.V2Stream).Select(l => PostEnvelope.Read(Encoding.UTF8.GetBytes(l), out _, out _)).ToList();
        var v1 = File.ReadAllLines(TestFiles.V1Stream).Select(l => PostEnvelope.Read(Encoding.UTF8.GetBytes(l), out _, out var created) == PayloadKind.Post && created is not null).ToList();

        Assert.Equal(8, v2.Count(k => k == PayloadKind.Post));
        Assert.Equal(1, v2.Count(k => k == PayloadKind.NotAPost));
        Assert.All(v1, Assert.True);
    }
}
