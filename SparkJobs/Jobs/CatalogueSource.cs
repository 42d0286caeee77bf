using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.SparkJobs.Jobs;

/// <summary>
/// The catalogue a job matches against: the lake's <c>reference/tv_shows.csv</c>, or, when the lake
/// has none, the catalogue shipped with TrendingTv (<see cref="ShowCatalogue.LoadDefault"/>).
/// A catalogue that exists but is malformed is an error, never silently replaced.
/// </summary>
internal static class CatalogueSource
{
    public static async Task<ShowCatalogue> LoadAsync(IObjectStore lake, ILogger? logger, CancellationToken cancellationToken)
    {
        try
        {
            return await ShowCatalogue.LoadFromLakeAsync(lake, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            var fallback = ShowCatalogue.LoadDefault();
            logger?.LogWarning("The lake {Lake} has no {Key}; using the default catalogue of {Count} shows", lake.Root, LakeLayout.CatalogueKey, fallback.Count);
            return fallback;
        }
    }
}
