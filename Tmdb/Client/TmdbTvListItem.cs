using System.Text.Json.Serialization;

namespace TrendingTv.Tmdb.Client;

/// <summary>One show of a list result (<c>/3/tv/popular</c>, <c>/3/trending/tv/day</c>).</summary>
public sealed record TmdbTvListItem
{
    [JsonRequired]
    public long Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? OriginalName { get; init; }

    public string? OriginalLanguage { get; init; }

    public IReadOnlyList<int> GenreIds { get; init; } = [];

    public IReadOnlyList<string> OriginCountry { get; init; } = [];

    public double Popularity { get; init; }

    public double VoteAverage { get; init; }

    public long VoteCount { get; init; }

    public string? FirstAirDate { get; init; }

    /// <summary>Set by trending lists (<c>"tv"</c>); absent from popular lists.</summary>
    public string? MediaType { get; init; }
}
