using System.Text.Json.Serialization;

namespace TrendingTv.Fixtures.Lake;

/// <summary>A <c>post_stat</c> row as the data dictionary types it, for writing test partitions with Parquet.Net.</summary>
public sealed record PostStatRow(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("hashtag_count")] long HashtagCount,
    [property: JsonPropertyName("text_count")] long TextCount,
    [property: JsonPropertyName("post_count")] long PostCount)
{
    /// <summary>The post_stat rows of an X-only day: each tweet_stat row as the <c>x</c> source's.</summary>
    public static IEnumerable<PostStatRow> XOnly(IEnumerable<TweetStatRow> rows) =>
        rows.Select(r => new PostStatRow(r.Id, r.Date, "x", r.HashtagCount, r.TextCount, r.TweetCount));
}
