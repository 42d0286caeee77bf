using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrendingTv.Streamer.Sources;
using TrendingTv.Streamer.Sources.X;

namespace TrendingTv.Streamer.Hosting;

/// <summary>
/// The live X capture of <c>streamer run</c>: syncs the stream rules with the catalogue (retrying X's failures with
/// the HTTP backoff), then captures until the host stops, when the batch in progress is committed. A refused token
/// (HTTP 401/403, from the rules or the stream) is not retried: the service records <see cref="Failure"/> and stops
/// the host, so <c>run</c> exits non-zero with that message.
/// </summary>
public sealed class CaptureService(XRuleSync rules, XStreamSource source, LiveCapture capture, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<CaptureService> logger) : BackgroundService
{
    /// <summary>Why capture stopped the service (null while it runs or after a normal stop).</summary>
    public string? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await SyncRulesAsync(stoppingToken))
            {
                await capture.RunAsync(source, stoppingToken);
            }
        }
        catch (Exception e) when (e is SourceRefusedException or XApiException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden })
        {
            Failure = e.Message;
            logger.LogCritical("Capture stopped: {Reason}", e.Message);
            lifetime.StopApplication();
        }
    }

    /// <summary>Syncs the rules; true once done, false when stopped first. Refusals (401/403) are thrown.</summary>
    private async Task<bool> SyncRulesAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await rules.SyncAsync(dryRun: false, cancellationToken);
                return true;
            }
            catch (XApiException e) when (e.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                var delay = backoff.Next(DisconnectKind.Http);
                logger.LogError("Syncing the stream rules failed ({Error}); retrying in {Delay}.", e.Message, delay);
                try
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }

        return false;
    }
}
