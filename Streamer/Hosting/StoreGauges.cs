using Microsoft.Extensions.Hosting;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Telemetry;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Hosting;

/// <summary>Publishes the store's gauges when the service starts: closed hours waiting for upload, bytes of the SQLite files.</summary>
public sealed class StoreGauges(StreamerMetrics metrics, HourlyUploader uploader, CaptureDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveHoursWaiting(uploader.CountHoursWaiting);
        metrics.ObserveStoreSize(database.SizeInBytes);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
