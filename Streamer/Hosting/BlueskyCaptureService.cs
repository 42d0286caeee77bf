using Microsoft.Extensions.Hosting;
using TrendingTv.Streamer.Sources.Bluesky;

namespace TrendingTv.Streamer.Hosting;

/// <summary>
/// The live Bluesky capture of <c>streamer run</c>: captures from Jetstream until the host stops, when the batch in
/// progress is committed. Jetstream needs no credentials and the client reconnects forever, so nothing stops it early.
/// </summary>
public sealed class BlueskyCaptureService(BlueskySource source, LiveCapture capture) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken) => await capture.RunAsync(source, stoppingToken);
}
