namespace TrendingTv.Tmdb.Client;

/// <summary>A TV genre, as in <c>/3/genre/tv/list</c> and a series' <c>genres</c>.</summary>
public sealed record TmdbGenre
{
    public int Id { get; init; }

    public string Name { get; init; } = string.Empty;
}
