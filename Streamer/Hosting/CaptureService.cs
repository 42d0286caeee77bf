using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.X;

namespace TrendingTv.Streamer.Hosting;

/// <summary>
/// The live capture: syncs the stream rules with the catalogue, then captures the X stream into the
/// store until the host stops, when the current batch is flushed. Records a capture session
/// (refreshed every minute) so hours without posts are recorded by the uploader.
/// </summary>
public sealed class CaptureService(
    XApiClient client,
    XStreamSource source,
    CapturePipeline pipeline,
    CaptureStore store,
    IObjectStore lake,
    IOptions<XOptions> options,
    TimeProvider time,
    ILogger<CaptureService> logger) : BackgroundService
{
    private static readonly TimeSpan SessionRefresh = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SyncRulesAsync(stoppingToken);
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var session = await store.StartSessionAsync(time.GetUtcNow(), stoppingToken);
        using var refresh = new CancellationTokenSource();
        var heartbeat = RefreshSessionAsync(session, refresh.Token);
        try
        {
            await pipeline.RunAsync(source.ReadAsync(stoppingToken), stoppingToken);
        }
        finally
        {
            await refresh.CancelAsync();
            await heartbeat;
            await store.TouchSessionAsync(session, time.GetUtcNow(), CancellationToken.None);
        }
    }

    private async Task SyncRulesAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var catalogue = await LoadCatalogueAsync(options.Value, lake, logger, cancellationToken);
                var rules = RulePlanner.Plan(catalogue, options.Value.MaxRuleLength, options.Value.MaxRules);
                var result = await client.SyncRulesAsync(rules, dryRun: false, cancellationToken);
                logger.LogInformation(
                    "Stream rules synced with {Shows} shows: {Added} added, {Deleted} deleted, {Kept} kept.",
                    catalogue.Count, result.Added.Count, result.Deleted.Count, result.Kept);
                return;
            }
            catch (XApiException e)
            {
                var delay = backoff.Next(DisconnectKind.Http);
                logger.LogError("Syncing the stream rules failed ({Error}); retrying in {Delay}.", e.Message, delay);
                try
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The catalogue: <see cref="XOptions.CataloguePath"/>, else the lake's reference/tv_shows.csv, else the shipped one.</summary>
    public static async Task<ShowCatalogue> LoadCatalogueAsync(XOptions options, IObjectStore lake, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lake);
        if (!string.IsNullOrWhiteSpace(options.CataloguePath))
        {
            return ShowCatalogue.LoadFile(options.CataloguePath);
        }

        return await ShowCatalogue.LoadInEffectAsync(lake, logger, cancellationToken);
    }

    private async Task RefreshSessionAsync(long session, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(SessionRefresh, time, cancellationToken);
                await store.TouchSessionAsync(session, time.GetUtcNow(), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
