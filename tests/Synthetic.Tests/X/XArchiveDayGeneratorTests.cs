using System.Text.Json;
using TrendingTv.DataLake.Posts;
using TrendingTv.Synthetic.X;

namespace TrendingTv.Synthetic.Tests.X;

public sealed class XArchiveDayGeneratorTests
{
    private static readonly DateOnly Day = new(2020, 11, 23);

    [Theory]
    [InlineData(4096, 8192)]
    [InlineData(4096, 6144)]
    public async Task Statuses_are_sized_by_their_photos_between_the_bounds_and_all_normalise(int minBytes, int maxBytes)
    {
        var bytes = new XArchiveDayGenerator(seed: 42, minBytes: minBytes, maxBytes: maxBytes).Generate(600, Day);
        var lines = XStreamHourGeneratorTests.Lines(bytes);

        var summary = await new PostNormaliser().NormaliseAsync(new MemoryStream(bytes), Stream.Null, Stream.Null);

        Assert.Equal((600L, 0L, 0L), (summary.PostsWritten, summary.DuplicatesDropped, summary.Quarantined));
        Assert.InRange(lines.Average(l => l.Length), minBytes, maxBytes);
        Assert.InRange(lines.Order(Comparer<byte[]>.Create((a, b) => a.Length.CompareTo(b.Length))).ElementAt(300).Length, minBytes, maxBytes);
        // A few go over: statuses that large without a photo (a retweet carries two full users), or by part of the last photo.
        Assert.InRange(lines.Count(l => l.Length > maxBytes) / 600.0, 0, 0.15);
    }

    [Fact]
    public void A_day_mixes_retweets_quotes_replies_and_extended_statuses_in_the_measured_shares()
    {
        var lines = XStreamHourGeneratorTests.Lines(new XArchiveDayGenerator(seed: 9).Generate(2000, Day));
        var statuses = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.InRange(statuses.Count(s => s.TryGetProperty("retweeted_status", out _)) / 2000.0, 0.42, 0.48);
        Assert.InRange(statuses.Count(s => s.GetProperty("is_quote_status").GetBoolean()) / 2000.0, 0.08, 0.12);
        Assert.InRange(statuses.Count(s => s.GetProperty("in_reply_to_status_id").ValueKind == JsonValueKind.Number) / 2000.0, 0.03, 0.07);
        Assert.InRange(statuses.Count(s => s.GetProperty("truncated").GetBoolean()) / 2000.0, 0.15, 0.30);
        Assert.All(statuses, s => Assert.True(s.GetProperty("user").TryGetProperty("followers_count", out _)));
    }
}
