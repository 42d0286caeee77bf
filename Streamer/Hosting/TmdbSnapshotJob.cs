using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.Tmdb.Snapshot;

namespace TrendingTv.Streamer.Hosting;

/// <summary>The daily TMDB snapshot of the catalogue's shows, for the UTC date of the run, on <see cref="ScheduleOptions.TmdbSnapshot"/>.</summary>
public sealed class TmdbSnapshotJob(IServiceProvider services, IOptions<ScheduleOptions> schedules, TimeProvider time, ILogger<TmdbSnapshotJob> logger)
    : CronJobService(schedules.Value.TmdbSnapshot, time, logger)
{
    protected override string Name => "Daily TMDB snapshot";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var date = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var summary = await services.GetRequiredService<TmdbSnapshotter>().RunAsync(date, cancellationToken);
        if (summary.ExceedsFailureThreshold)
        {
            Logger.LogError("TMDB snapshot {Date} failed its threshold: {Summary}", date, summary.Describe());
        }
        else
        {
            Logger.LogInformation("TMDB snapshot {Date}: {Summary}", date, summary.Describe());
        }
    }
}
