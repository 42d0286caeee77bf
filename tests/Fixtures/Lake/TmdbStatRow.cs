using System.Text.Json.Serialization;

namespace TrendingTv.Fixtures.Lake;

/// <summary>A <c>tmdb_stat</c> row as the data dictionary types it, for writing test partitions with Parquet.Net.</summary>
public sealed record TmdbStatRow(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("number_of_seasons")] long? NumberOfSeasons,
    [property: JsonPropertyName("number_of_episodes")] long? NumberOfEpisodes,
    [property: JsonPropertyName("vote_count")] long? VoteCount,
    [property: JsonPropertyName("vote_average")] double? VoteAverage,
    [property: JsonPropertyName("popularity")] double? Popularity);
