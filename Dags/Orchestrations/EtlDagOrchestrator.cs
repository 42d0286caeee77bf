using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.Dags.Models;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Dags.Orchestrations;

/// <summary>
/// The daily DAG of one dataset and one UTC date (see <c>docs/dag.md</c>), instance id <c>{dataset}-{yyyy-MM-dd}</c>:
/// check raw data (and, for tweets, rebuild stale canonical hours) → submit the ETL job → poll it on a durable timer
/// until it ends or passes its deadline → check the processed data (staged aside by the job) → publish it into the
/// lake. A run that fails at any step leaves the lake's partition and dimensions as they were. Host-agnostic: the
/// Functions app and the embedded host both call <see cref="RunAsync"/>. Deterministic: time comes from the context, everything else from
/// activities. The sensor continues as new every <see cref="DagSettings.MaxPollsPerGeneration"/> polls.
/// </summary>
/// <remarks>
/// Everything the orchestrator calls lives in this file: Microsoft.DurableTask.Analyzers 1.28 follows
/// calls into other source files with the wrong semantic model and crashes (AD0001), so keeping the
/// call graph in one file is what lets its determinism checks run.
/// </remarks>
public static class EtlDagOrchestrator
{
    private static readonly string[] PermanentErrorTypes =
    [
        typeof(ArgumentException).FullName!,
        typeof(ArgumentNullException).FullName!,
        typeof(ArgumentOutOfRangeException).FullName!,
        typeof(FormatException).FullName!,
        typeof(NotSupportedException).FullName!,
        "Microsoft.Extensions.Options.OptionsValidationException",
    ];

    /// <summary>Registers the orchestrator function under <c>nameof(EtlDagOrchestrator)</c>.</summary>
    public static DurableTaskRegistry AddEtlDagOrchestrator(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddOrchestratorFunc<DagRunInput, DagRunSummary?>(nameof(EtlDagOrchestrator), RunAsync);
    }

    public static async Task<DagRunSummary?> RunAsync(TaskOrchestrationContext context, DagRunInput? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = new RunRequest(input.Dataset, input.Date);
        var logger = context.CreateReplaySafeLogger(typeof(EtlDagOrchestrator));
        var retry = RetryOptions(input.Settings.Retry);

        var (sensor, rawObjects) = input.Sensor is { } carried
            ? (carried, 0)
            : await StartJobAsync(context, input, run, retry, logger);

        var status = await WaitForJobAsync(context, input, run, sensor, retry, logger);
        if (status is null)
        {
            // Continued as new: the next generation takes over the sensor.
            return null;
        }

        var (finished, polls) = status.Value;
        var report = await CheckProcessedDataAsync(context, run, finished, polls, retry);
        var published = await PublishOutputsAsync(context, run, finished, polls, retry);
        context.SetCustomStatus(new DagRunStatus(DagSteps.Succeeded, finished.JobId, LastState(finished), polls.Polls, polls.Generation, polls.CanonicalHoursRebuilt));
        logger.LogInformation(
            "Run {RunId}: job {JobId} done, {Rows} rows checked, {Objects} objects published to {Partition}",
            run.RunId, finished.JobId, report.RowCount, published.KeysWritten.Count, published.Partition);
        return new DagRunSummary(run.RunId, finished.JobId, LastState(finished), polls.Polls, polls.Generation + 1, rawObjects, report.RowCount, polls.CanonicalHoursRebuilt);
    }

    /// <summary>
    /// Steps 1 and 2: no raw data ends the run before any job is submitted; a tweet run first brings the canonical
    /// hours its job reads up to date with their raw hours.
    /// </summary>
    private static async Task<(SensorState Sensor, int RawObjects)> StartJobAsync(
        TaskOrchestrationContext context, DagRunInput input, RunRequest run, TaskOptions retry, ILogger logger)
    {
        context.SetCustomStatus(new DagRunStatus(DagSteps.CheckRawData));
        var raw = await CallAsync<RawDataReport>(context, nameof(CheckRawDataActivity), run, retry, run.RunId, DagSteps.CheckRawData);
        if (!raw.HasData)
        {
            var empty = raw.EmptyObjects > 0 ? $" ({raw.EmptyObjects} empty object(s) there are not data)" : string.Empty;
            throw new DagRunFailedException(run.RunId, DagSteps.CheckRawData, $"no raw data under {raw.Prefix}{empty}; no ETL job was submitted");
        }

        var rebuilt = run.Dataset == Dataset.Tweet ? await RebuildStaleCanonicalHoursAsync(context, run, retry, logger) : 0;

        context.SetCustomStatus(new DagRunStatus(DagSteps.SubmitJob, CanonicalHoursRebuilt: rebuilt));
        var jobId = await CallAsync<string>(context, nameof(SubmitJobActivity), run, retry, run.RunId, DagSteps.SubmitJob);
        logger.LogInformation("Run {RunId}: job {JobId} submitted ({RawObjects} raw objects)", run.RunId, jobId, raw.ObjectCount);
        return (new SensorState(jobId, context.CurrentUtcDateTime + input.Settings.Deadline, Polls: 0, Generation: 0, rebuilt), raw.ObjectCount);
    }

    /// <summary>
    /// Step 1, tweet runs: the canonical hours the job reads must hold every post of their raw hours; each stale one
    /// (missing, empty, short, older version…) is rebuilt, one activity an hour, and the count goes into the status.
    /// </summary>
    private static async Task<int> RebuildStaleCanonicalHoursAsync(TaskOrchestrationContext context, RunRequest run, TaskOptions retry, ILogger logger)
    {
        var found = await CallAsync<StaleCanonicalHours>(context, nameof(FindStaleCanonicalHoursActivity), run, retry, run.RunId, DagSteps.CheckRawData);
        var rebuilt = 0;
        foreach (var hour in found.Stale)
        {
            logger.LogWarning("Run {RunId}: canonical {Source} hour {Hour:yyyy-MM-dd HH}:00 is stale ({Reason}); rebuilding it from raw", run.RunId, hour.Source, hour.Hour, hour.Reason);
            var result = await CallAsync<HourRebuild>(context, nameof(RebuildCanonicalHourActivity), hour, retry, run.RunId, DagSteps.CheckRawData);
            rebuilt += result.Outcome == RebuildOutcome.Rebuilt ? 1 : 0;
            context.SetCustomStatus(new DagRunStatus(DagSteps.CheckRawData, CanonicalHoursRebuilt: rebuilt));
        }

        if (found.Stale.Count > 0)
        {
            logger.LogWarning("Run {RunId}: {Rebuilt} of {Checked} canonical hours rebuilt before the job", run.RunId, rebuilt, found.HoursChecked);
        }

        return rebuilt;
    }

    /// <summary>Step 3: polls until the job ends; null when this generation handed over to the next one.</summary>
    private static async Task<(EtlJobStatus Status, SensorState Sensor)?> WaitForJobAsync(
        TaskOrchestrationContext context, DagRunInput input, RunRequest run, SensorState sensor, TaskOptions retry, ILogger logger)
    {
        var settings = input.Settings;
        context.SetCustomStatus(new DagRunStatus(DagSteps.WaitForJob, sensor.JobId, null, sensor.Polls, sensor.Generation, sensor.CanonicalHoursRebuilt));
        for (var pollsThisGeneration = 1; ; pollsThisGeneration++)
        {
            var status = await CallAsync<EtlJobStatus>(context, nameof(GetJobStatusActivity), sensor.JobId, retry, run.RunId, DagSteps.WaitForJob);
            sensor = sensor with { Polls = sensor.Polls + 1 };
            var state = LastState(status);
            context.SetCustomStatus(new DagRunStatus(DagSteps.WaitForJob, sensor.JobId, state, sensor.Polls, sensor.Generation, sensor.CanonicalHoursRebuilt));

            if (status.State == EtlJobState.Succeeded)
            {
                return (status, sensor);
            }

            if (status.State == EtlJobState.Failed)
            {
                var reason = string.IsNullOrWhiteSpace(status.FailureReason) ? "the engine gave no reason" : status.FailureReason;
                throw new DagRunFailedException(run.RunId, DagSteps.WaitForJob, $"ETL job {sensor.JobId} failed ({state}): {reason}");
            }

            var now = context.CurrentUtcDateTime;
            if (now >= sensor.DeadlineUtc)
            {
                throw await TerminateAsync(context, run, sensor, settings, state, retry, logger);
            }

            var next = now + settings.PollInterval;
            await context.CreateTimer(next < sensor.DeadlineUtc ? next : sensor.DeadlineUtc, CancellationToken.None);

            if (pollsThisGeneration >= settings.MaxPollsPerGeneration)
            {
                // Each poll adds an activity and a timer to the history; start afresh with the sensor's state.
                context.ContinueAsNew(input with { Sensor = sensor with { Generation = sensor.Generation + 1 } }, preserveUnprocessedEvents: false);
                return null;
            }
        }
    }

    /// <summary>Past the deadline: stops the job and returns the failure that ends the run (also when stopping it failed).</summary>
    private static async Task<DagRunFailedException> TerminateAsync(
        TaskOrchestrationContext context, RunRequest run, SensorState sensor, DagSettings settings, string state, TaskOptions retry, ILogger logger)
    {
        var reason = $"deadline of {settings.Deadline} after submission passed at {sensor.DeadlineUtc:yyyy-MM-ddTHH:mm:ss.fffZ} with job {sensor.JobId} still {state}";
        logger.LogWarning("Run {RunId}: job {JobId} passed its deadline of {Deadline}; terminating it", run.RunId, sensor.JobId, settings.Deadline);
        context.SetCustomStatus(new DagRunStatus(DagSteps.TerminateJob, sensor.JobId, state, sensor.Polls, sensor.Generation, sensor.CanonicalHoursRebuilt));
        try
        {
            await CallAsync<object?>(
                context, nameof(TerminateJobActivity), new TerminateJobRequest(sensor.JobId, $"TrendingTv run {run.RunId}: {reason}"), retry, run.RunId, DagSteps.TerminateJob);
        }
        catch (DagRunFailedException e)
        {
            return new DagRunFailedException(run.RunId, DagSteps.WaitForJob, $"{reason}; terminating the job failed too: {e.Reason}");
        }

        return new DagRunFailedException(run.RunId, DagSteps.WaitForJob, $"{reason}; the job was terminated");
    }

    /// <summary>Step 4: the job's staged partition (and dimensions) must exist and pass the sanity checks.</summary>
    private static async Task<ProcessedDataReport> CheckProcessedDataAsync(
        TaskOrchestrationContext context, RunRequest run, EtlJobStatus finished, SensorState sensor, TaskOptions retry)
    {
        context.SetCustomStatus(new DagRunStatus(DagSteps.CheckProcessedData, finished.JobId, LastState(finished), sensor.Polls, sensor.Generation, sensor.CanonicalHoursRebuilt));
        var report = await CallAsync<ProcessedDataReport>(context, nameof(CheckProcessedDataActivity), run, retry, run.RunId, DagSteps.CheckProcessedData);
        if (!report.Passed)
        {
            const int Shown = 10;
            var problems = string.Join("; ", report.Problems.Take(Shown));
            var more = report.Problems.Count > Shown ? $"; and {report.Problems.Count - Shown} more" : string.Empty;
            throw new DagRunFailedException(
                run.RunId, DagSteps.CheckProcessedData, $"{report.Problems.Count} problem(s) in {report.Partition} ({report.RowCount} rows): {problems}{more}");
        }

        return report;
    }

    /// <summary>Step 5: swaps the checked outputs into the lake; until here the lake's tables are untouched.</summary>
    private static async Task<PublishReport> PublishOutputsAsync(
        TaskOrchestrationContext context, RunRequest run, EtlJobStatus finished, SensorState sensor, TaskOptions retry)
    {
        context.SetCustomStatus(new DagRunStatus(DagSteps.PublishOutputs, finished.JobId, LastState(finished), sensor.Polls, sensor.Generation, sensor.CanonicalHoursRebuilt));
        return await CallAsync<PublishReport>(context, nameof(PublishOutputsActivity), run, retry, run.RunId, DagSteps.PublishOutputs);
    }

    /// <summary>Calls an activity with the retry policy; a failure that survives the retries fails the run naming the step.</summary>
    private static async Task<T> CallAsync<T>(TaskOrchestrationContext context, string activity, object input, TaskOptions retry, string runId, string step)
    {
        try
        {
            return await context.CallActivityAsync<T>(activity, input, retry);
        }
        catch (TaskFailedException e)
        {
            var failure = e.FailureDetails;
            throw new DagRunFailedException(runId, step, $"{activity} failed: {failure.ErrorMessage} ({failure.ErrorType})");
        }
    }

    /// <summary>
    /// The activities' retry policy: exponential back-off for transient failures. A bad argument or a
    /// malformed value will not get better by trying again, so those are not retried.
    /// </summary>
    public static TaskOptions RetryOptions(ActivityRetrySettings retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        return TaskOptions.FromRetryPolicy(new RetryPolicy(retry.MaxAttempts, retry.FirstRetryInterval, retry.BackoffCoefficient, retry.MaxRetryInterval)
        {
            HandleFailure = failure => !IsPermanent(failure),
        });
    }

    /// <summary>True for activity failures that a retry cannot fix (bad arguments, malformed values, bad settings).</summary>
    /// <remarks>
    /// Compares type names rather than calling <see cref="TaskFailureDetails.IsCausedBy{T}"/>: for a type
    /// outside CoreLib (e.g. HttpRequestException) that searches every loaded assembly, finds the type twice
    /// (its own assembly and the netstandard facade that forwards it) and throws AmbiguousMatchException,
    /// and a throwing retry predicate silently disables the retry.
    /// </remarks>
    public static bool IsPermanent(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return PermanentErrorTypes.Contains(failure.ErrorType, StringComparer.Ordinal);
    }

    private static string LastState(EtlJobStatus status) => status.EngineState ?? status.State.ToString();
}
