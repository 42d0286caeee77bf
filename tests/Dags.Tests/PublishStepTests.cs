using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Tests.Fakes;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Tests;

/// <summary>The DAG's publish step on the embedded host: it runs once, last, and only after every check passed.</summary>
public sealed class PublishStepTests
{
    private static readonly DateOnly Day = new(2020, 11, 23);

    [Fact]
    public async Task A_run_whose_processed_data_passes_publishes_it_once_as_its_last_step()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tmdb, Day);

        var result = await dag.Host.RunAsync(Dataset.Tmdb, Day);

        Assert.True(result.State == DagRunState.Succeeded, result.FailureMessage);
        Assert.Equal([(Dataset.Tmdb, Day)], dag.Publisher.Published);
        Assert.Equal(DagSteps.Succeeded, result.Status?.Step);
    }

    [Fact]
    public async Task A_run_whose_processed_data_fails_the_check_publishes_nothing()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tmdb, Day);
        dag.Validator.SetProblems(Dataset.Tmdb, Day, "The staged partition is empty: its 1 Parquet file(s) hold no rows.");

        var result = await dag.Host.RunAsync(Dataset.Tmdb, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Contains("failed at check-processed-data", result.FailureMessage, StringComparison.Ordinal);
        Assert.Empty(dag.Publisher.Attempts);
    }

    [Fact]
    public async Task A_run_whose_job_fails_or_passes_its_deadline_publishes_nothing()
    {
        var options = DagHarness.FastOptions();
        options.Deadline = TimeSpan.FromMilliseconds(200);
        await using var dag = await DagHarness.StartAsync(options);
        await dag.AddRawDataAsync(Dataset.Tmdb, Day);
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.Script = r => r.Dataset == Dataset.Tmdb ? JobScript.FailsAfter(1, "Step failed: malformed JSON") : JobScript.NeverEnds;

        var failed = await dag.Host.RunAsync(Dataset.Tmdb, Day);
        var late = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Contains("failed at wait-for-job: ETL job job-tmdb-2020-11-23 failed", failed.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("the job was terminated", late.FailureMessage, StringComparison.Ordinal);
        Assert.Empty(dag.Publisher.Attempts);
    }

    [Fact]
    public async Task A_transient_publish_failure_is_retried_and_the_run_succeeds()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Publisher.FailNext(2);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.True(result.State == DagRunState.Succeeded, result.FailureMessage);
        Assert.Equal(3, dag.Publisher.Attempts.Count);
        Assert.Single(dag.Publisher.Published);
        Assert.Equal(1, dag.Engine.SubmitAttempts);
    }

    [Fact]
    public async Task A_publish_that_keeps_failing_fails_the_run_at_the_publish_step()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Publisher.FailNext(100, () => new InvalidOperationException("Run tweet-2020-11-23: nothing to publish, no Parquet file is staged."));

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Equal(DagHarness.FastOptions().ActivityMaxAttempts, dag.Publisher.Attempts.Count);
        Assert.Contains(
            "tweet-2020-11-23 failed at publish-outputs: PublishOutputsActivity failed: Run tweet-2020-11-23: nothing to publish, no Parquet file is staged.",
            result.FailureMessage,
            StringComparison.Ordinal);
        Assert.Equal(DagSteps.PublishOutputs, result.Status?.Step);
    }
}
