using System.Text.Json.Serialization;

namespace TrendingTv.Fixtures.Lake;

/// <summary>A <c>tweet_stat</c> row as the data dictionary types it, for writing test partitions with Parquet.Net.</summary>
public sealed record TweetStatRow(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("hashtag_count")] long HashtagCount,
    [property: JsonPropertyName("text_count")] long TextCount,
    [property: JsonPropertyName("tweet_count")] long TweetCount);
