using Microsoft.Extensions.Hosting;
using TrendingTv.Dags.Hosting;

namespace TrendingTv.Cli.Serve;

/// <summary>serve's background work: the daily timers, the watch on finished runs (metrics, report refresh) and the report builder.</summary>
internal sealed class ServeWorker(DailySchedules schedules, DagRunMonitor monitor, ServedReport report, ServeOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        monitor.RunFinished += run =>
        {
            if (run.Succeeded)
            {
                report.RequestRefresh();
            }
        };
        return Task.WhenAll(
            schedules.RunAsync(stoppingToken),
            monitor.RunAsync(options.RunPollInterval, stoppingToken),
            report.RunAsync(stoppingToken));
    }
}
