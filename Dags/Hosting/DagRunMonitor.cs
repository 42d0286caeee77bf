using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// Watches the backend for DAG runs that finish, whoever started them (a timer, an HTTP backfill, a run
/// left in flight by a crash), and reports each once: to <see cref="DagMetrics"/> and to
/// <see cref="RunFinished"/>. Runs already finished when it starts are not reported. Each poll lists the
/// runs created since the previous poll and looks again at the runs it saw in progress, so a run that
/// starts and ends between two polls is still seen. A status query only: it never writes.
/// </summary>
public sealed partial class DagRunMonitor(DurableTaskClient client, DagMetrics metrics, TimeProvider time, ILogger<DagRunMonitor> logger)
{
    private static readonly TimeSpan CreatedSlack = TimeSpan.FromSeconds(5);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private DateTimeOffset _since;
    private bool _started;

    /// <summary>Called with each run that finished (succeeded, failed or terminated), after its metrics are recorded.</summary>
    public event Action<DagRunResult>? RunFinished;

    /// <summary>Polls every <paramref name="interval"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e);
            }

            try
            {
                await Task.Delay(interval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One look at the backend; the first only takes note of the runs in progress.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_started)
        {
            await foreach (var instance in ListAsync(new OrchestrationQuery { Statuses = ActiveStatuses(), PageSize = 500 }, cancellationToken))
            {
                _inProgress.Add(instance.InstanceId);
            }

            _since = now - CreatedSlack;
            _started = true;
            return;
        }

        var toCheck = new HashSet<string>(_inProgress, StringComparer.Ordinal);
        await foreach (var instance in ListAsync(new OrchestrationQuery { CreatedFrom = _since, PageSize = 500 }, cancellationToken))
        {
            toCheck.Add(instance.InstanceId);
        }

        _since = now - CreatedSlack;
        foreach (var instanceId in toCheck)
        {
            if (!TryParseRun(instanceId, out var dataset, out var date) || _reported.Contains(instanceId))
            {
                _inProgress.Remove(instanceId);
                continue;
            }

            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance is null)
            {
                _inProgress.Remove(instanceId);
            }
            else if (DagRunResult.StateOf(instance.RuntimeStatus) is DagRunState.Pending or DagRunState.Running)
            {
                _inProgress.Add(instanceId);
            }
            else
            {
                _inProgress.Remove(instanceId);
                Report(DagRunResult.From(dataset, date, instance));
            }
        }

        // A run started again later is a new run: forget the ones that are no longer in the recent window.
        _reported.RemoveWhere(id => !toCheck.Contains(id));
    }

    private void Report(DagRunResult result)
    {
        _reported.Add(result.RunId);
        metrics.RecordFinished(result);
        LogFinished(logger, result.RunId, result.State);
        RunFinished?.Invoke(result);
    }

    private async IAsyncEnumerable<OrchestrationMetadata> ListAsync(OrchestrationQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            yield return instance;
        }
    }

    private static List<OrchestrationRuntimeStatus> ActiveStatuses() =>
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary>Recognises a daily run's instance id, <c>{dataset}-{yyyy-MM-dd}</c>.</summary>
    private static bool TryParseRun(string instanceId, out Dataset dataset, out DateOnly date)
    {
        dataset = default;
        date = default;
        var dash = instanceId.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !DatasetNames.TryParse(instanceId[..dash], out dataset))
        {
            return false;
        }

        try
        {
            date = LakeLayout.ParseIsoDate(instanceId[(dash + 1)..]);
            return DagInstanceIds.Run(dataset, date) == instanceId;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {State}")]
    private static partial void LogFinished(ILogger logger, string runId, DagRunState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the runs' states from the durable backend; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
