using System.Text.Json;
using TrendingTv.DataLake.Posts;
using TrendingTv.Synthetic.X;

namespace TrendingTv.Synthetic.Tests.X;

public sealed class XStreamHourGeneratorTests
{
    private static readonly DateTimeOffset Hour = new(2020, 11, 23, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_hour_of_the_stream_holds_its_keep_alives_one_redelivery_in_a_thousand_and_a_disconnect_notice()
    {
        var (bytes, posts) = new XStreamHourGenerator(seed: 42).Generate(3000, Hour);

        var summary = await new PostNormaliser().NormaliseAsync(new MemoryStream(bytes), Stream.Null, Stream.Null);

        Assert.Equal(3000, posts);
        Assert.Equal((3000L, 3L, 0L), (summary.PostsWritten, summary.DuplicatesDropped, summary.Quarantined));
        Assert.Equal(1, summary.SkippedByKind["errors"]);
        Assert.Equal(3000 / (3000 / 180) + 1, summary.SkippedByKind["blank"]);
    }

    [Fact]
    public void Envelopes_mix_retweets_quotes_replies_and_long_posts_in_the_measured_shares()
    {
        var (bytes, _) = new XStreamHourGenerator(seed: 7).Generate(4000, Hour, streamNoise: false);
        var lines = Lines(bytes);
        var kinds = lines.Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var data = json.RootElement.GetProperty("data");
            return data.TryGetProperty("referenced_tweets", out var refs) ? refs[0].GetProperty("type").GetString()! : data.TryGetProperty("note_tweet", out _) ? "long" : "original";
        }).ToList();

        Assert.Equal(4000, lines.Count);
        Assert.InRange(Share(kinds, "retweeted"), 0.37, 0.43);
        Assert.InRange(Share(kinds, "quoted"), 0.06, 0.10);
        Assert.InRange(Share(kinds, "replied_to"), 0.10, 0.14);
        Assert.InRange(Share(kinds, "long"), 0.02, 0.06);
        Assert.InRange(bytes.Length / 4000.0, 2000, 2800); // about 2.3 KB a line, as a full v2 envelope is
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_posts_fall_in_their_hour()
    {
        var a = new XStreamHourGenerator(seed: 5).Generate(500, Hour).Bytes;
        var b = new XStreamHourGenerator(seed: 5).Generate(500, Hour).Bytes;
        var file = Path.GetTempFileName();
        try
        {
            new XStreamHourGenerator(seed: 5).WriteFile(file, 500, Hour);

            Assert.Equal(a, b);
            Assert.Equal(a, File.ReadAllBytes(file));
            var normaliser = new PostNormaliser();
            Assert.All(Lines(a).Select(l => normaliser.Normalise(l)).Where(n => n.Kind == NormalisedLineKind.Post), n => Assert.Equal(Hour.UtcDateTime.Hour, n.Post!.CreatedAt.UtcDateTime.Hour));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static double Share(List<string> kinds, string kind) => kinds.Count(k => k == kind) / (double)kinds.Count;

    /// <summary>The payload lines (not the blank keep-alives).</summary>
    internal static List<byte[]> Lines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == (byte)'\n')
            {
                if (i > start && bytes[start] == (byte)'{')
                {
                    lines.Add(bytes[start..i]);
                }

                start = i + 1;
            }
        }

        return lines;
    }
}
