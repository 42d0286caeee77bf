using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary>
/// One timer per dataset; each starts the DAG for the previous UTC day. The schedules are NCRONTAB
/// expressions (with seconds) from the app settings <c>TweetEtlSchedule</c> and <c>TmdbEtlSchedule</c>;
/// the defaults are <see cref="DefaultTweetSchedule"/> and <see cref="DefaultTmdbSchedule"/>.
/// </summary>
public sealed class DailyScheduleTriggers(RunStarter starter, TimeProvider time, ILogger<DailyScheduleTriggers> logger)
{
    /// <summary>01:30 UTC: a tweet day also reads the next day's first hour, uploaded after 01:00.</summary>
    public const string DefaultTweetSchedule = "0 30 1 * * *";

    /// <summary>00:30 UTC: the previous day's TMDB snapshot is complete at midnight.</summary>
    public const string DefaultTmdbSchedule = "0 30 0 * * *";

    [Function(nameof(TweetDailySchedule))]
    public Task TweetDailySchedule([TimerTrigger("%TweetEtlSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        StartPreviousDayAsync(Dataset.Tweet, client, context?.CancellationToken ?? default);

    [Function(nameof(TmdbDailySchedule))]
    public Task TmdbDailySchedule([TimerTrigger("%TmdbEtlSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        StartPreviousDayAsync(Dataset.Tmdb, client, context?.CancellationToken ?? default);

    /// <summary>Starts the run for the UTC day before now, unless it is already in progress.</summary>
    public async Task<(string InstanceId, bool Started)> StartPreviousDayAsync(Dataset dataset, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var (instanceId, started) = await starter.StartAsync(client, dataset, yesterday, cancellationToken);
        if (started)
        {
            logger.LogInformation("Started {InstanceId}", instanceId);
        }
        else
        {
            logger.LogWarning("{InstanceId} is already in progress; not starting it again", instanceId);
        }

        return (instanceId, started);
    }
}
