using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.DagBench;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Options;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;

// dotnet run -c Release --project bench/DagBench -- [days=365] [concurrency=4] [memory|azurite]
// azurite: the Azure Storage backend on a local Azurite (run from the repository root after npm ci).
var days = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 365;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var onAzurite = args.Length > 2 && args[2] == "azurite";
var from = new DateOnly(2020, 1, 1);
var to = from.AddDays(days - 1);
Dataset[] datasets = [Dataset.Tweet, Dataset.Tmdb];

var lakeDirectory = Directory.CreateTempSubdirectory("dagbench-").FullName;
try
{
    var lake = new LocalDirectoryStore(LakeUri.Local(lakeDirectory));
    for (var date = from.AddDays(-1); date <= to; date = date.AddDays(1))
    {
        await lake.PutTextAsync(LakeLayout.RawTweetHourKey(new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)), "{}\n");
        await lake.PutTextAsync(LakeLayout.RawTmdbDayKey(date), "{}\n");
    }

    await using var services = new ServiceCollection()
        .AddSingleton<IObjectStore>(lake)
        .AddSingleton<IEtlEngine, InstantEngine>()
        .AddSingleton<IProcessedDataValidator, PassingValidator>()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
        .AddCanonicalRebuild()
        .AddTransient<CheckRawDataActivity>()
        .AddTransient<FindStaleCanonicalHoursActivity>()
        .AddTransient<RebuildCanonicalHourActivity>()
        .AddTransient<SubmitJobActivity>()
        .AddTransient<GetJobStatusActivity>()
        .AddTransient<TerminateJobActivity>()
        .AddTransient<CheckProcessedDataActivity>()
        .AddSingleton<IOutputPublisher, InstantPublisher>()
        .AddTransient<PublishOutputsActivity>()
        .BuildServiceProvider();

    var start = Stopwatch.StartNew();
    await using var azurite = onAzurite ? await LocalAzurite.StartAsync(Path.Combine(lakeDirectory, "azurite")) : null;
    var backend = azurite is null
        ? new DurableBackendOptions()
        : new DurableBackendOptions
        {
            Backend = DurableBackend.AzureStorage,
            StorageConnectionString = azurite.ConnectionString,
            TaskHub = "dagbench",
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
        };
    await using var host = await EmbeddedDagHost.StartAsync(services, new DagOptions(), backend);
    Console.WriteLine($"backend: {host.Backend}; host start{(azurite is null ? "" : " (with Azurite)")}: {start.Elapsed.TotalSeconds:F2} s");

    // Warm-up: one run outside the range (JIT, gRPC connections).
    var warm = Stopwatch.StartNew();
    var warmup = await host.RunAsync(Dataset.Tweet, from.AddDays(-1));
    Console.WriteLine($"warm-up run: {warmup.State} in {warm.Elapsed.TotalSeconds:F2} s");

    var clock = Stopwatch.StartNew();
    var results = await host.RunRangeAsync(from, to, datasets, concurrency);
    var elapsed = clock.Elapsed;

    var runs = results.Count;
    var failed = results.Count(r => !r.Succeeded);
    var latencies = results.Where(r => r.Elapsed is not null).Select(r => r.Elapsed!.Value.TotalSeconds).Order().ToList();
    Console.WriteLine($"runs: {runs} ({days} days x {datasets.Length} datasets), failed: {failed}, concurrency: {concurrency}");
    Console.WriteLine($"wall time: {elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"orchestration overhead per run (wall time / runs): {elapsed.TotalSeconds / runs:F3} s  (target <= 0.5 s)");
    Console.WriteLine($"per-run latency, created to completed: mean {latencies.Average():F3} s, p50 {latencies[latencies.Count / 2]:F3} s, p95 {latencies[(int)(latencies.Count * 0.95)]:F3} s, max {latencies[^1]:F3} s");
    return failed == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(lakeDirectory, recursive: true);
}
