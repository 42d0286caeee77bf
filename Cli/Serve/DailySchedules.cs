using Cronos;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TrendingTv.Dags.Triggers;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// The Functions app's two daily timers in <c>serve</c>: at each occurrence of <c>TweetEtlSchedule</c> /
/// <c>TmdbEtlSchedule</c> (NCRONTAB with seconds, UTC; same defaults) the shared <see cref="DailyRunTrigger"/>
/// starts the previous UTC day's run. Time comes from the <see cref="TimeProvider"/>, so a fake clock drives it
/// in tests. An occurrence missed while the process was down is not caught up (as a Functions timer without
/// <c>RunOnStartup</c>); the next one runs.
/// </summary>
public sealed partial class DailySchedules(DailyRunTrigger trigger, DurableTaskClient client, ScheduleOptions schedules, TimeProvider time, ILogger<DailySchedules> logger)
{
    /// <summary>Runs both timers until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(
        RunTimerAsync(Dataset.Tweet, ScheduleOptions.Parse(nameof(ScheduleOptions.TweetEtlSchedule), schedules.TweetEtlSchedule), cancellationToken),
        RunTimerAsync(Dataset.Tmdb, ScheduleOptions.Parse(nameof(ScheduleOptions.TmdbEtlSchedule), schedules.TmdbEtlSchedule), cancellationToken));

    private async Task RunTimerAsync(Dataset dataset, CronExpression schedule, CancellationToken cancellationToken)
    {
        var after = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(after, TimeZoneInfo.Utc);
            if (next is not { } due)
            {
                return;
            }

            try
            {
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                await trigger.StartPreviousDayAsync(dataset, client, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e, dataset.Name());
            }

            after = due;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily {Dataset} timer could not start its run; it tries again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, Exception exception, string dataset);
}
