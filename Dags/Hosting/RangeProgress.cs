using Microsoft.DurableTask.Client;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Hosting;

/// <summary>Watches the runs of a range by querying the backend, and reports each change of state or step once.</summary>
internal sealed class RangeProgress(
    DurableTaskClient client,
    IReadOnlyList<(Dataset Dataset, DateOnly Date, string RunId)> runs,
    DateTimeOffset started,
    IProgress<DagRunUpdate> progress)
{
    private readonly Dictionary<string, (Dataset Dataset, DateOnly Date)> _runs =
        runs.ToDictionary(r => r.RunId, r => (r.Dataset, r.Date), StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, (DagRunState State, string? Step, int Polls)> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _finished = new(StringComparer.OrdinalIgnoreCase);

    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { CreatedFrom = started, FetchInputsAndOutputs = true, PageSize = 1000 };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (_runs.TryGetValue(instance.InstanceId, out var run))
            {
                Observe(DagRunResult.From(run.Dataset, run.Date, instance));
            }
        }
    }

    public void ReportFinal(IEnumerable<DagRunResult> results)
    {
        foreach (var result in results)
        {
            Observe(result);
        }
    }

    private void Observe(DagRunResult result)
    {
        var key = (result.State, result.Status?.Step, result.Status?.Polls ?? 0);
        if (_seen.TryGetValue(result.RunId, out var last) && last == key)
        {
            return;
        }

        _seen[result.RunId] = key;
        if (result.State is DagRunState.Succeeded or DagRunState.Failed or DagRunState.Terminated)
        {
            _finished.Add(result.RunId);
        }

        progress.Report(new DagRunUpdate(
            result.RunId,
            result.Dataset,
            result.Date,
            result.State,
            result.Status?.Step,
            result.Status?.JobId,
            result.Status?.LastState,
            result.FailureMessage,
            _finished.Count,
            _runs.Count));
    }
}
