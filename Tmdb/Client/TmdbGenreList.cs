namespace TrendingTv.Tmdb.Client;

/// <summary>The body of <c>/3/genre/tv/list</c>.</summary>
public sealed record TmdbGenreList
{
    public IReadOnlyList<TmdbGenre> Genres { get; init; } = [];
}
