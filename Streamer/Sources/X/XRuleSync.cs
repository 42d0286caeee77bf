using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Streamer.Sources.X;

/// <summary>
/// Makes the stream's rules match the catalogue in effect: <see cref="XOptions.CataloguePath"/> if set, else the
/// lake's reference/tv_shows.csv, else the shipped catalogue (<see cref="ShowCatalogue.LoadInEffectAsync"/>).
/// </summary>
public sealed class XRuleSync(XApiClient client, IObjectStore lake, IOptions<XOptions> options, ILogger<XRuleSync> logger)
{
    /// <summary>Plans the rules and syncs them (with <paramref name="dryRun"/>, only reports what would change).</summary>
    /// <exception cref="XApiException">X refused or failed a rules request.</exception>
    /// <exception cref="InvalidOperationException">The catalogue does not fit the tier's rule limits.</exception>
    public async Task<RuleSyncResult> SyncAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var catalogue = await LoadCatalogueAsync(cancellationToken);
        var rules = RulePlanner.Plan(catalogue, settings.MaxRuleLength, settings.MaxRules);
        var result = await client.SyncRulesAsync(rules, dryRun, cancellationToken);
        logger.LogInformation(
            "Stream rules {Mode} with {Shows} shows: {Added} added, {Deleted} deleted, {Kept} kept.",
            dryRun ? "compared" : "synced", catalogue.Count, result.Added.Count, result.Deleted.Count, result.Kept);
        return result;
    }

    private async Task<ShowCatalogue> LoadCatalogueAsync(CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(options.Value.CataloguePath)
            ? await ShowCatalogue.LoadInEffectAsync(lake, logger, cancellationToken)
            : ShowCatalogue.LoadFile(options.Value.CataloguePath);
}
