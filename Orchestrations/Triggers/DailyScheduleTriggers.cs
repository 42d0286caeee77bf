using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TrendingTv.Dags.Triggers;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary>
/// One timer per dataset; each starts the DAG for the previous UTC day (the shared <see cref="DailyRunTrigger"/>).
/// The schedules are NCRONTAB expressions (with seconds) from the app settings <c>TweetEtlSchedule</c> and
/// <c>TmdbEtlSchedule</c>; the recommended values are <see cref="ScheduleOptions.DefaultTweetSchedule"/> and
/// <see cref="ScheduleOptions.DefaultTmdbSchedule"/> (the defaults of <c>trendingtv serve</c>).
/// </summary>
public sealed class DailyScheduleTriggers(DailyRunTrigger trigger)
{
    [Function(nameof(TweetDailySchedule))]
    public Task TweetDailySchedule([TimerTrigger("%TweetEtlSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        trigger.StartPreviousDayAsync(Dataset.Tweet, client, context?.CancellationToken ?? default);

    [Function(nameof(TmdbDailySchedule))]
    public Task TmdbDailySchedule([TimerTrigger("%TmdbEtlSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        trigger.StartPreviousDayAsync(Dataset.Tmdb, client, context?.CancellationToken ?? default);
}
