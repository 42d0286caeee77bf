using System.Text.Json.Serialization;

namespace TrendingTv.Tmdb.Client;

/// <summary>
/// The fields of <c>/3/tv/{id}</c> that TrendingTv reads (the lake keeps the whole raw object).
/// Dates are strings because TMDB sends <c>""</c> for an unknown <c>first_air_date</c>.
/// </summary>
public sealed record TmdbTvSeries
{
    [JsonRequired]
    public long Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? OriginalName { get; init; }

    public string? OriginalLanguage { get; init; }

    public IReadOnlyList<TmdbGenre> Genres { get; init; } = [];

    public IReadOnlyList<TmdbNetwork> Networks { get; init; } = [];

    public IReadOnlyList<string> OriginCountry { get; init; } = [];

    public int NumberOfSeasons { get; init; }

    public int NumberOfEpisodes { get; init; }

    public long VoteCount { get; init; }

    public double VoteAverage { get; init; }

    public double Popularity { get; init; }

    public string? FirstAirDate { get; init; }

    public string? LastAirDate { get; init; }

    public string? Status { get; init; }

    public bool InProduction { get; init; }
}
