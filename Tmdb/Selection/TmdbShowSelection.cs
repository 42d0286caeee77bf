using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.Tmdb.Selection;

/// <summary>
/// The result of a show selection: the new catalogue, how many of its rows came from the existing
/// catalogue (kept as they were) or were added from TMDB, and the existing rows left out.
/// </summary>
public sealed record TmdbShowSelection(ShowCatalogue Catalogue, int Kept, int Added, IReadOnlyList<Show> Dropped);
