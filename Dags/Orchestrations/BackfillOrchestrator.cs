using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using TrendingTv.Activities.Dag;
using TrendingTv.Dags.Models;

namespace TrendingTv.Dags.Orchestrations;

/// <summary>
/// Runs the daily DAG for every (date, dataset) of a range as sub-orchestrations with the DAG's own
/// instance ids, at most <see cref="BackfillInput.Concurrency"/> at once (the original's
/// <c>max_active_runs</c>). Every <see cref="BackfillInput.RunsPerGeneration"/> runs it drains and
/// continues as new, so its history stays small however long the range. A failed run does not stop
/// the others; when all have run, the backfill fails if any of them did, naming each.
/// </summary>
/// <remarks>Everything it calls lives in this file, for the reason given on <see cref="EtlDagOrchestrator"/>.</remarks>
public static class BackfillOrchestrator
{
    private const int FailuresInMessage = 20;

    /// <summary>Registers the orchestrator function under <c>nameof(BackfillOrchestrator)</c>.</summary>
    public static DurableTaskRegistry AddBackfillOrchestrator(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddOrchestratorFunc<BackfillInput, BackfillSummary?>(nameof(BackfillOrchestrator), RunAsync);
    }

    /// <summary>The runs of a backfill in order: by date, then by dataset in the order given.</summary>
    public static IReadOnlyList<RunRequest> Runs(BackfillInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var runs = new List<RunRequest>();
        for (var date = input.From; date <= input.To; date = date.AddDays(1))
        {
            runs.AddRange(input.Datasets.Select(dataset => new RunRequest(dataset, date)));
        }

        return runs;
    }

    public static async Task<BackfillSummary?> RunAsync(TaskOrchestrationContext context, BackfillInput? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger(typeof(BackfillOrchestrator));
        var runs = Runs(input);
        var progress = input.Progress ?? new BackfillProgress(0, 0, [], 0);
        var batch = runs.Skip(progress.Done).Take(input.RunsPerGeneration).ToList();

        var (succeeded, failures) = await RunGenerationAsync(context, input, batch, runs.Count, progress, logger);

        var done = progress.Done + batch.Count;
        if (done < runs.Count)
        {
            logger.LogInformation(
                "Backfill {BackfillId}: {Done}/{Total} runs done, {Failed} failed; continuing as new", context.InstanceId, done, runs.Count, failures.Count);
            context.ContinueAsNew(input with { Progress = new BackfillProgress(done, succeeded, failures, progress.Generation + 1) }, preserveUnprocessedEvents: false);
            return null;
        }

        context.SetCustomStatus(new BackfillStatus(runs.Count, succeeded, failures.Count, 0, null));
        ThrowIfAnyRunFailed(context, failures, runs.Count);
        return new BackfillSummary(context.InstanceId, runs.Count, succeeded, progress.Generation + 1);
    }

    /// <summary>
    /// Runs this generation's batch, at most <see cref="BackfillInput.Concurrency"/> at once, reporting progress
    /// in the custom status; returns the tallies carried over from earlier generations plus this one's.
    /// </summary>
    private static async Task<(int Succeeded, List<BackfillFailure> Failures)> RunGenerationAsync(
        TaskOrchestrationContext context, BackfillInput input, List<RunRequest> batch, int total, BackfillProgress progress, ILogger logger)
    {
        var succeeded = progress.Succeeded;
        var failures = progress.Failures.ToList();
        var inFlight = new List<Task<(string RunId, BackfillFailure? Failure)>>();
        string? lastFinished = null;

        void Report() => context.SetCustomStatus(
            new BackfillStatus(total, succeeded, failures.Count, inFlight.Count, lastFinished));

        async Task CollectOneAsync()
        {
            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            var (runId, failure) = await finished;
            lastFinished = runId;
            if (failure is null)
            {
                succeeded++;
            }
            else
            {
                failures.Add(failure);
                logger.LogWarning("Backfill {BackfillId}: run {RunId} failed: {Reason}", context.InstanceId, failure.RunId, failure.Reason);
            }
        }

        foreach (var run in batch)
        {
            if (inFlight.Count >= input.Concurrency)
            {
                await CollectOneAsync();
            }

            inFlight.Add(RunOneAsync(context, run, input.Settings));
            Report();
        }

        while (inFlight.Count > 0)
        {
            await CollectOneAsync();
            Report();
        }

        return (succeeded, failures);
    }

    private static void ThrowIfAnyRunFailed(TaskOrchestrationContext context, List<BackfillFailure> failures, int total)
    {
        if (failures.Count == 0)
        {
            return;
        }

        var listed = string.Join("; ", failures.Take(FailuresInMessage).Select(f => $"{f.RunId}: {f.Reason}"));
        var more = failures.Count > FailuresInMessage ? $"; and {failures.Count - FailuresInMessage} more" : string.Empty;
        throw new BackfillFailedException($"Backfill {context.InstanceId}: {failures.Count} of {total} runs failed: {listed}{more}");
    }

    /// <summary>One daily run as a sub-orchestration; its failure is returned, not thrown, so the others go on.</summary>
    private static async Task<(string RunId, BackfillFailure? Failure)> RunOneAsync(TaskOrchestrationContext context, RunRequest run, DagSettings settings)
    {
        try
        {
            await context.CallSubOrchestratorAsync<DagRunSummary?>(
                nameof(EtlDagOrchestrator),
                new DagRunInput(run.Dataset, run.Date, settings),
                new SubOrchestrationOptions { InstanceId = run.RunId });
            return (run.RunId, null);
        }
        catch (TaskFailedException e)
        {
            return (run.RunId, new BackfillFailure(run.RunId, e.FailureDetails.ErrorMessage));
        }
    }
}
