using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Hosting;

/// <summary>The hourly upload of closed hours (and the purge after retention) on <see cref="ScheduleOptions.Upload"/>.</summary>
public sealed class UploadJob(HourlyUploader uploader, IOptions<ScheduleOptions> schedules, TimeProvider time, ILogger<UploadJob> logger)
    : CronJobService(schedules.Value.Upload, time, logger)
{
    protected override string Name => "Hourly upload";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await uploader.UploadClosedHoursAsync(cancellationToken);
        }
        catch (UploadBusyException e)
        {
            Logger.LogWarning("{Job} skipped: {Reason}", Name, e.Message); // the next run uploads what this one would have
        }
    }
}
