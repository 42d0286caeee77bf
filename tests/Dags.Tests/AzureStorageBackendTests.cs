using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Tests.Fakes;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Tests;

/// <summary>The embedded host on the Azure Storage backend (a local Azurite): the state outlives the host.</summary>
public sealed class AzureStorageBackendTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly Day = new(2020, 11, 23);

    [Fact]
    public async Task A_run_on_azure_storage_succeeds_and_a_new_host_still_knows_it()
    {
        await using var dag = await DagHarness.StartAsync(backend: azurite.NewTaskHub());
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        dag.Engine.Script = _ => JobScript.SucceedsAfter(2);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);
        await dag.RestartHostAsync();
        var after = await dag.Host.GetRunAsync(Dataset.Tweet, Day);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(DagRunState.Succeeded, after.State);
        Assert.Equal(new DagRunSummary("tweet-2020-11-23", "job-tweet-2020-11-23", "COMPLETED", 3, 1, 1, 160, CanonicalHoursRebuilt: 1), after.Summary); // the harness writes a raw hour and no canonical one
    }

    [Fact]
    public async Task A_backfill_left_in_flight_by_a_stopped_host_is_finished_by_the_next_one_without_resubmitting()
    {
        await using var dag = await DagHarness.StartAsync(backend: azurite.NewTaskHub());
        var to = Day.AddDays(2);
        await dag.AddRawDataAsync(Day, to, Dataset.Tweet);
        dag.Engine.Hold(); // the jobs are in flight when the host stops
        using var stop = new CancellationTokenSource();
        var first = dag.Host.RunRangeAsync(Day, to, [Dataset.Tweet], concurrency: 2, cancellationToken: stop.Token);
        await Task.WhenAny(dag.Engine.ActiveReached(2), first);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        await dag.RestartHostAsync();
        dag.Engine.Release();
        var results = await dag.Host.RunRangeAsync(Day, to, [Dataset.Tweet], concurrency: 2);

        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.RunId}: {r.State} {r.FailureMessage}"));
        Assert.Equal(3, results.Count);

        // A submit activity cut short by the stop may run again (activities are at-least-once); the engine's submit is
        // idempotent per run, so no job is started twice.
        Assert.Equal(3, dag.Engine.Submits.Count);
    }
}
