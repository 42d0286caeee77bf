using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Orchestrations;

namespace TrendingTv.Orchestrations.Functions;

/// <summary>The DAG's orchestrators as Durable Functions: thin wrappers over the host-agnostic code in Dags.</summary>
public static class OrchestratorFunctions
{
    [Function(nameof(EtlDagOrchestrator))]
    public static Task<DagRunSummary?> RunEtlDag([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EtlDagOrchestrator.RunAsync(context, context.GetInput<DagRunInput>());
    }

    [Function(nameof(BackfillOrchestrator))]
    public static Task<BackfillSummary?> RunBackfill([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BackfillOrchestrator.RunAsync(context, context.GetInput<BackfillInput>());
    }
}
