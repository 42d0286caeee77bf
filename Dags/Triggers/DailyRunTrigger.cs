using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Triggers;

/// <summary>
/// What a daily timer does, in the Functions app and in <c>serve</c>: start the DAG for the UTC day before
/// now, unless that run is already in progress.
/// </summary>
public sealed partial class DailyRunTrigger(RunStarter starter, TimeProvider time, ILogger<DailyRunTrigger> logger)
{
    /// <summary>Starts the run for the UTC day before now, unless it is already in progress.</summary>
    public async Task<(string InstanceId, bool Started)> StartPreviousDayAsync(Dataset dataset, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var (instanceId, started) = await starter.StartAsync(client, dataset, yesterday, cancellationToken);
        if (started)
        {
            LogStarted(logger, instanceId);
        }
        else
        {
            LogInProgress(logger, instanceId);
        }

        return (instanceId, started);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily timer started {InstanceId}")]
    private static partial void LogStarted(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{InstanceId} is already in progress; the daily timer did not start it again")]
    private static partial void LogInProgress(ILogger logger, string instanceId);
}
