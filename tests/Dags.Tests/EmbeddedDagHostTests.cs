using Microsoft.DurableTask.Client;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Tests.Fakes;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Tests;

public sealed class EmbeddedDagHostTests
{
    private static readonly DateOnly Day = new(2020, 11, 23);

    [Fact]
    public async Task A_run_with_raw_data_submits_one_job_polls_it_and_succeeds()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.Script = _ => JobScript.SucceedsAfter(2);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        AssertSucceeded(result);
        Assert.Equal("tweet-2020-11-23", result.RunId);
        var summary = Assert.IsType<DagRunSummary>(result.Summary);
        Assert.Equal("job-tweet-2020-11-23", summary.JobId);
        Assert.Equal(3, summary.Polls);
        Assert.Equal("COMPLETED", summary.LastState);
        Assert.Equal(1, summary.RawObjects);
        Assert.Equal(160, summary.ProcessedRows);
        Assert.Equal(DagSteps.Succeeded, result.Status?.Step);
        var submitted = Assert.Single(dag.Engine.Submits);
        Assert.Equal((Dataset.Tweet, Day), (submitted.Dataset, submitted.Date));
    }

    [Fact]
    public async Task Missing_raw_data_fails_the_run_without_submitting_a_job()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day); // the other dataset's data does not count

        var result = await dag.Host.RunAsync(Dataset.Tmdb, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Contains("tmdb-2020-11-23 failed at check-raw-data", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("no raw data under", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("tmdb_raw/2020/11/23/", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(0, dag.Engine.SubmitAttempts);
    }

    [Fact]
    public async Task A_failed_job_fails_the_run_with_the_engine_reason()
    {
        const string Reason = "Step tweet_stat failed: AnalysisException: Table or view not found: tweets (log s3://logs/j-1/steps/s-1/stderr.gz)";
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.Script = _ => JobScript.FailsAfter(1, Reason);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Contains(Reason, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ETL job job-tweet-2020-11-23 failed (TERMINATED_WITH_ERRORS)", result.FailureMessage, StringComparison.Ordinal);
        // The harness writes one raw hour and no canonical one: the raw-data step rebuilt it.
        Assert.Equal(new DagRunStatus(DagSteps.WaitForJob, "job-tweet-2020-11-23", "TERMINATED_WITH_ERRORS", 2, 0, CanonicalHoursRebuilt: 1), result.Status);
        var failure = (await dag.Host.Client.GetInstanceAsync(result.RunId, getInputsAndOutputs: true))!.FailureDetails!;
        Assert.Equal(typeof(Orchestrations.DagRunFailedException).FullName, failure.ErrorType);
        Assert.Empty(dag.Engine.Terminations);
    }

    [Fact]
    public async Task A_job_past_its_deadline_is_terminated_and_the_run_fails()
    {
        var options = DagHarness.FastOptions();
        options.Deadline = TimeSpan.FromMilliseconds(200);
        await using var dag = await DagHarness.StartAsync(options);
        await dag.AddRawDataAsync(Dataset.Tmdb, Day);
        dag.Engine.Script = _ => JobScript.NeverEnds;

        var result = await dag.Host.RunAsync(Dataset.Tmdb, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        var (jobId, reason) = Assert.Single(dag.Engine.Terminations);
        Assert.Equal("job-tmdb-2020-11-23", jobId);
        Assert.Contains("tmdb-2020-11-23", reason, StringComparison.Ordinal);
        Assert.Contains("deadline of 00:00:00.2000000", reason, StringComparison.Ordinal);
        Assert.Contains("deadline of 00:00:00.2000000", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("the job was terminated", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(DagSteps.TerminateJob, result.Status?.Step);
    }

    [Fact]
    public async Task A_transient_submit_failure_is_retried_and_the_run_succeeds()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.FailNextSubmits(1);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        AssertSucceeded(result);
        Assert.Equal(2, dag.Engine.SubmitAttempts);
        Assert.Single(dag.Engine.Submits);
    }

    [Fact]
    public async Task A_transient_status_poll_failure_is_retried_and_the_run_succeeds()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.FailNextStatusPolls(2);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        AssertSucceeded(result);
        Assert.Equal(2, result.Summary?.Polls);
    }

    [Fact]
    public async Task An_activity_that_keeps_failing_fails_the_run_after_the_last_attempt()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.FailNextSubmits(100);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Equal(DagHarness.FastOptions().ActivityMaxAttempts, dag.Engine.SubmitAttempts);
        Assert.Contains("failed at submit-job: SubmitJobActivity failed: Connection reset while submitting tweet-2020-11-23", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("System.IO.IOException", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permanent_activity_failure_is_not_retried()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.FailNextSubmits(100, r => new ArgumentException($"Run id {r.RunId} is not accepted by the engine."));

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Equal(1, dag.Engine.SubmitAttempts);
        Assert.Contains("Run id tweet-2020-11-23 is not accepted by the engine. (System.ArgumentException)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_in_the_processed_data_fail_the_run_and_name_them()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Validator.SetProblems(Dataset.Tweet, Day, "show 1399: tweet_count 3 is below text_count 5", "158 rows, expected 160");

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Contains("failed at check-processed-data: 2 problem(s) in jobs/tweet-2020-11-23/out/tweet_stat/year=2020/month=11/day=23/", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("show 1399: tweet_count 3 is below text_count 5; 158 rows, expected 160", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_sensor_loop_continues_as_new_under_the_same_instance_id_without_resubmitting()
    {
        var options = DagHarness.FastOptions();
        options.MaxPollsPerGeneration = 2;
        await using var dag = await DagHarness.StartAsync(options);
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.Script = _ => JobScript.SucceedsAfter(5);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        AssertSucceeded(result);
        Assert.Equal(6, result.Summary?.Polls);
        Assert.Equal(3, result.Summary?.Generations);
        Assert.Equal(1, dag.Engine.SubmitAttempts);
        var history = await dag.Host.Client.GetOrchestrationHistoryAsync(result.RunId);
        Assert.True(history.Count < 20, $"the last generation's history has {history.Count} events");
    }

    [Fact]
    public async Task Running_a_run_already_in_progress_waits_for_it_instead_of_starting_another()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.Hold(); // the first run cannot end before the second call has looked at it
        var first = dag.Host.RunAsync(Dataset.Tweet, Day);
        await dag.Engine.Polled;

        var startedAgain = await dag.Host.StartRunAsync(Dataset.Tweet, Day);
        var second = dag.Host.RunAsync(Dataset.Tweet, Day);
        dag.Engine.Release();

        Assert.False(startedAgain);
        AssertSucceeded(await second);
        AssertSucceeded(await first);
        Assert.Equal(1, dag.Engine.SubmitAttempts);
    }

    [Fact]
    public async Task A_backfill_of_ten_days_and_two_datasets_keeps_at_most_three_runs_going()
    {
        var options = DagHarness.FastOptions();
        options.BackfillRunsPerGeneration = 7; // 20 runs: three generations of the backfill
        await using var dag = await DagHarness.StartAsync(options);
        var from = new DateOnly(2020, 11, 1);
        var to = from.AddDays(9);
        await dag.AddRawDataAsync(from, to, Dataset.Tweet, Dataset.Tmdb);
        dag.Engine.Script = _ => JobScript.SucceedsAfter(3);
        var updates = new List<DagRunUpdate>();
        var progress = new SynchronousProgress<DagRunUpdate>(updates.Add);
        dag.Engine.Hold(); // however the machine schedules the runs, three are in flight before any ends

        var range = dag.Host.RunRangeAsync(from, to, [Dataset.Tweet, Dataset.Tmdb], concurrency: 3, progress);
        await Task.WhenAny(dag.Engine.ActiveReached(3), range);
        dag.Engine.Release();
        var results = await range;

        Assert.Equal(20, results.Count);
        Assert.All(results, r => Assert.Equal(DagRunState.Succeeded, r.State));
        Assert.Equal("tweet-2020-11-01", results[0].RunId);
        Assert.Equal("tmdb-2020-11-10", results[^1].RunId);
        Assert.Equal(20, dag.Engine.Submits.Select(s => s.RunId).Distinct().Count());
        Assert.Equal(3, dag.Engine.MaxActive);
        Assert.Equal(20, updates[^1].Finished);
        Assert.Equal(20, updates.Where(u => u.State == DagRunState.Succeeded).Select(u => u.RunId).Distinct().Count());
        var backfill = await dag.Host.Client.GetInstanceAsync("backfill-2020-11-01-2020-11-10-tweet-tmdb", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, backfill?.RuntimeStatus);
        Assert.Equal(new BackfillSummary("backfill-2020-11-01-2020-11-10-tweet-tmdb", 20, 20, 3), backfill!.ReadOutputAs<BackfillSummary>());
    }

    [Fact]
    public async Task A_backfill_runs_every_date_even_when_one_fails_and_then_fails_naming_it()
    {
        await using var dag = await DagHarness.StartAsync();
        var from = new DateOnly(2020, 11, 1);
        await dag.AddRawDataAsync(Dataset.Tweet, from);
        await dag.AddRawDataAsync(Dataset.Tweet, from.AddDays(2));

        var results = await dag.Host.RunRangeAsync(from, from.AddDays(2), [Dataset.Tweet], concurrency: 2);

        Assert.Equal([DagRunState.Succeeded, DagRunState.Failed, DagRunState.Succeeded], results.Select(r => r.State));
        Assert.Contains("no raw data", results[1].FailureMessage, StringComparison.Ordinal);
        var backfill = await dag.Host.Client.GetInstanceAsync("backfill-2020-11-01-2020-11-03-tweet", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, backfill?.RuntimeStatus);
        Assert.Contains("1 of 3 runs failed: tweet-2020-11-02: Run tweet-2020-11-02 failed at check-raw-data", backfill!.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    private static void AssertSucceeded(DagRunResult result) =>
        Assert.True(result.State == DagRunState.Succeeded, $"{result.RunId} is {result.State}: {result.FailureMessage}");

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
