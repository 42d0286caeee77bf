using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TrendingTv.Dags.Hosting;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Emr;
using TrendingTv.Fixtures.S3;
using TrendingTv.Fixtures.Tmdb;

namespace TrendingTv.Dags.Tests;

/// <summary>
/// The whole DAG with real engines on the embedded host, on a local lake and on s3rver: outputs are written
/// aside, checked, then published; a run that fails at any step leaves the published partition and the
/// dimensions byte for byte as they were.
/// </summary>
[Collection(S3rverFixture.Collection)]
public sealed class FailedRunsKeepPublishedOutputsTests(S3rverFixture s3) : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 26);
    private static readonly string SnapshotKey = LakeLayout.RawTmdbDayKey(Day);
    private readonly string _localLake = Directory.CreateTempSubdirectory("dags-lake-").FullName;

    public void Dispose() => Directory.Delete(_localLake, recursive: true);

    [Theory]
    [InlineData("local", "local", "empty snapshot")]
    [InlineData("local", "local", "failing check")]
    [InlineData("local", "local", "failing job")]
    [InlineData("s3", "local", "empty snapshot")]
    [InlineData("s3", "local", "failing check")]
    [InlineData("s3", "local", "failing job")]
    [InlineData("s3", "emr", "empty snapshot")]
    [InlineData("s3", "emr", "failing check")]
    [InlineData("s3", "emr", "failing job")]
    public async Task A_failed_tmdb_run_leaves_the_published_partition_and_dimensions_byte_identical(string lakeKind, string engine, string fault)
    {
        var lake = await LakeAsync(lakeKind);
        await using var emr = engine == "emr" ? await FakeEmrServer.StartAsync() : null;
        await using var dag = await EngineDagHarness.StartAsync(lake, engine, emr);
        await PublishGoodDayAsync(lake, dag, emr);
        var before = await PublishedAsync(lake);

        await lake.PutBytesAsync(SnapshotKey, fault switch
        {
            "empty snapshot" => [],
            "failing check" => Snapshot(popularityOfFirst: -3.5),
            _ => Encoding.UTF8.GetBytes("{\"id\":\"eighty-two thousand\",\"name\":\"Broken\"}\n"),
        });
        EnqueueCluster(emr, succeeds: fault != "failing job");
        var result = await dag.Host.RunAsync(Dataset.Tmdb, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Contains(
            fault switch
            {
                "failing job" => "failed at wait-for-job",
                "failing check" => "failed at check-processed-data",
                _ => "failed at check-",
            },
            result.FailureMessage,
            StringComparison.Ordinal);
        if (fault == "failing check")
        {
            Assert.Contains("1 rows with a negative measure: id 1396 (popularity=-3.5)", result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.Equal(before, await PublishedAsync(lake));
    }

    [Theory]
    [InlineData("local", "local")]
    [InlineData("s3", "local")]
    [InlineData("s3", "emr")]
    public async Task A_rerun_that_passes_replaces_the_partition_and_dimensions_and_removes_its_staging(string lakeKind, string engine)
    {
        var lake = await LakeAsync(lakeKind);
        await using var emr = engine == "emr" ? await FakeEmrServer.StartAsync() : null;
        await using var dag = await EngineDagHarness.StartAsync(lake, engine, emr);
        await PublishGoodDayAsync(lake, dag, emr);
        var before = await PublishedAsync(lake);

        await lake.PutBytesAsync(SnapshotKey, Snapshot(popularityOfFirst: 4321.5, genreName: "Drama (renamed)"));
        EnqueueCluster(emr, succeeds: true);
        var result = await dag.Host.RunAsync(Dataset.Tmdb, Day);

        Assert.True(result.State == DagRunState.Succeeded, result.FailureMessage);
        var after = await PublishedAsync(lake);
        Assert.Equal(before.Keys, after.Keys);
        Assert.NotEqual(before["tmdb_stat/year=2026/month=11/day=26/part-00000.snappy.parquet"], after["tmdb_stat/year=2026/month=11/day=26/part-00000.snappy.parquet"]);
        Assert.Contains("18,Drama (renamed)", await lake.ReadTextAsync("dims/genres.csv"), StringComparison.Ordinal);
        Assert.False(await lake.AnyUnderAsync("jobs/"), "the run's staging folder is removed once published");
    }

    /// <summary>A first run that passes: the day's partition and the dimensions are published, the staging folder removed.</summary>
    private static async Task PublishGoodDayAsync(IObjectStore lake, EngineDagHarness dag, FakeEmrServer? emr)
    {
        await lake.PutBytesAsync(SnapshotKey, Snapshot());
        EnqueueCluster(emr, succeeds: true);

        var result = await dag.Host.RunAsync(Dataset.Tmdb, Day);

        Assert.True(result.State == DagRunState.Succeeded, result.FailureMessage);
        Assert.Equal(3, result.Summary?.ProcessedRows);
        Assert.Equal(
            [
                "dims/_AS_OF", "dims/date.csv", "dims/genres.csv", "dims/networks.csv", "dims/tvshows.csv",
                "tmdb_stat/year=2026/month=11/day=26/_SUCCESS", "tmdb_stat/year=2026/month=11/day=26/part-00000.snappy.parquet",
            ],
            (await PublishedAsync(lake)).Keys);
        Assert.False(await lake.AnyUnderAsync("jobs/"), "the run's staging folder is removed once published");
    }

    private static void EnqueueCluster(FakeEmrServer? emr, bool succeeds) => emr?.EnqueueScript(
        FakeEmrClusterState.Of("STARTING"),
        FakeEmrClusterState.Of("RUNNING", FakeEmrStep.Running),
        succeeds
            ? FakeEmrClusterState.Of("TERMINATED", FakeEmrStep.Completed).WithReason("ALL_STEPS_COMPLETED", "Steps completed")
            : FakeEmrClusterState.Of("TERMINATED_WITH_ERRORS", new FakeEmrStep("FAILED", "Unknown error", "SparkException: Malformed records are detected in record parsing", "s3://test-logs/emr/j-1/steps/s-1/stderr.gz"))
                .WithReason("STEP_FAILURE", "Shut down as step failed"));

    /// <summary>Three shows' TMDB details as the streamer saves them (one object a line plus <c>query_datetime</c>).</summary>
    private static byte[] Snapshot(double? popularityOfFirst = null, string? genreName = null)
    {
        var lines = new StringBuilder();
        var shows = new (long Id, string Name)[] { (1396, "Breaking Bad"), (82856, "The Mandalorian"), (87739, "The Queen's Gambit") };
        for (var rank = 0; rank < shows.Length; rank++)
        {
            var node = JsonNode.Parse(TmdbPayloads.TvSeries(shows[rank].Id, shows[rank].Name, rank + 1))!.AsObject();
            node["query_datetime"] = "2026-11-26 03:00:00";
            if (rank == 0 && popularityOfFirst is { } popularity)
            {
                node["popularity"] = popularity;
            }

            if (genreName is not null)
            {
                node["genres"]![0]!["name"] = genreName;
            }

            lines.Append(node.ToJsonString()).Append('\n');
        }

        return Encoding.UTF8.GetBytes(lines.ToString());
    }

    /// <summary>Every object of the tmdb_stat table and of dims/, with its SHA-256.</summary>
    private static async Task<SortedDictionary<string, string>> PublishedAsync(IObjectStore lake)
    {
        var objects = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var prefix in new[] { LakeLayout.TmdbStatTable + "/", LakeLayout.DimensionsRoot + "/" })
        {
            await foreach (var info in lake.ListAsync(prefix))
            {
                objects[info.Key] = Convert.ToHexString(SHA256.HashData(await lake.ReadBytesAsync(info.Key)));
            }
        }

        return objects;
    }

    private async Task<IObjectStore> LakeAsync(string kind) => kind == "local"
        ? new LocalDirectoryStore(LakeUri.Local(_localLake))
        : (await s3.CreateBucketAsync("lake")).Store;
}
