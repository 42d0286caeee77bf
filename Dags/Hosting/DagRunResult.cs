using Microsoft.DurableTask.Client;
using TrendingTv.Dags.Models;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// A DAG run as the embedded host sees it: its state, last custom status, and either its summary
/// (succeeded) or its failure message (which names the step and the reason).
/// </summary>
public sealed record DagRunResult(
    string RunId,
    Dataset Dataset,
    DateOnly Date,
    DagRunState State,
    DagRunStatus? Status,
    DagRunSummary? Summary,
    string? FailureMessage,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastUpdatedAt)
{
    public bool Succeeded => State == DagRunState.Succeeded;

    /// <summary>From creation to the last update (for a finished run, its duration).</summary>
    public TimeSpan? Elapsed => LastUpdatedAt - CreatedAt;

    /// <summary>Reads a run's instance; <paramref name="metadata"/> must have been fetched with inputs and outputs.</summary>
    public static DagRunResult From(Dataset dataset, DateOnly date, OrchestrationMetadata? metadata)
    {
        var runId = DagInstanceIds.Run(dataset, date);
        if (metadata is null)
        {
            return new DagRunResult(runId, dataset, date, DagRunState.NotStarted, null, null, null, null, null);
        }

        var state = StateOf(metadata.RuntimeStatus);
        return new DagRunResult(
            runId,
            dataset,
            date,
            state,
            metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<DagRunStatus>(),
            state == DagRunState.Succeeded && metadata.SerializedOutput is not null ? metadata.ReadOutputAs<DagRunSummary>() : null,
            metadata.FailureDetails?.ErrorMessage ?? (state is DagRunState.Terminated or DagRunState.Failed ? Unquoted(metadata.SerializedOutput) : null),
            metadata.CreatedAt,
            metadata.LastUpdatedAt);
    }

    /// <summary>
    /// The failure message where a backend keeps it in the output (the Azure Storage backend, through the
    /// sidecar, records a failure's message as the output, a JSON string, and no failure details).
    /// </summary>
    public static string? Unquoted(string? output)
    {
        if (output is null || output.Length < 2 || output[0] != '"')
        {
            return output;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string>(output);
        }
        catch (System.Text.Json.JsonException)
        {
            return output;
        }
    }

    /// <summary>Maps the durable runtime status to the run's state.</summary>
    public static DagRunState StateOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => DagRunState.Pending,
        OrchestrationRuntimeStatus.Completed => DagRunState.Succeeded,
        OrchestrationRuntimeStatus.Failed => DagRunState.Failed,
        OrchestrationRuntimeStatus.Terminated => DagRunState.Terminated,
        _ => DagRunState.Running,
    };
}
