using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Options;
using TrendingTv.Dags.Orchestrations;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Triggers;

/// <summary>Starts a daily DAG run unless an instance with its id is already pending or running.</summary>
public sealed class RunStarter(IOptions<DagOptions> options)
{
    /// <summary>Starts the run; returns its instance id and whether it was started (false: one was already in progress).</summary>
    public async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, Dataset dataset, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = DagInstanceIds.Run(dataset, date);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && IsActive(existing.RuntimeStatus))
        {
            return (instanceId, false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(EtlDagOrchestrator),
            new DagRunInput(dataset, date, options.Value.ToSettings()),
            new StartOrchestrationOptions(instanceId),
            cancellationToken);
        return (instanceId, true);
    }

    /// <summary>Pending, running or suspended: a second start would race the first.</summary>
    public static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
}
