namespace TrendingTv.Tmdb.Client;

/// <summary>A page of a paged TMDB list (1-based <see cref="Page"/>).</summary>
public sealed record TmdbPage<T>
{
    public int Page { get; init; }

    public IReadOnlyList<T> Results { get; init; } = [];

    public int TotalPages { get; init; }

    public int TotalResults { get; init; }
}
