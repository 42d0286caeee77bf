using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Streamer.Tmdb;

/// <summary>The catalogue in effect: <c>reference/tv_shows.csv</c> in the lake, else the shipped default.</summary>
internal static class TmdbCatalogueSource
{
    /// <summary>A malformed lake catalogue is an error (never silently replaced); only a missing one falls back.</summary>
    public static async Task<ShowCatalogue> LoadAsync(IObjectStore store, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await ShowCatalogue.LoadFromLakeAsync(store, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            var catalogue = ShowCatalogue.LoadDefault();
            TmdbLog.UsingDefaultCatalogue(logger, store.Root.UriOf(LakeLayout.CatalogueKey), catalogue.Count);
            return catalogue;
        }
    }
}
