using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Options;
using TrendingTv.Dags.Tests.Fakes;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Dags.Tests;

/// <summary>
/// The embedded host over the real DAG activities: a real lake in a temporary directory, a fake engine,
/// a fake processed-data validator and a fake output publisher, on the in-memory backend or (given its options)
/// on Azure Storage. Timers are real durable timers, kept to milliseconds; what the tests assert does not depend on them.
/// </summary>
public sealed class DagHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DagOptions _options;
    private readonly DurableBackendOptions _backend;

    private DagHarness(string lakeDirectory, ServiceProvider services, DagOptions options, DurableBackendOptions backend, EmbeddedDagHost host)
    {
        LakeDirectory = lakeDirectory;
        _services = services;
        _options = options;
        _backend = backend;
        Host = host;
    }

    public string LakeDirectory { get; }

    public EmbeddedDagHost Host { get; private set; }

    public IObjectStore Lake => _services.GetRequiredService<IObjectStore>();

    public FakeEtlEngine Engine => _services.GetRequiredService<FakeEtlEngine>();

    public FakeProcessedDataValidator Validator => _services.GetRequiredService<FakeProcessedDataValidator>();

    public FakeOutputPublisher Publisher => _services.GetRequiredService<FakeOutputPublisher>();

    /// <summary>Fast settings: 20 ms between polls, a generous deadline, quick retries.</summary>
    public static DagOptions FastOptions() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        Deadline = TimeSpan.FromMinutes(2),
        MaxPollsPerGeneration = 100,
        BackfillConcurrency = 4,
        BackfillRunsPerGeneration = 100,
        ActivityMaxAttempts = 3,
        ActivityFirstRetryInterval = TimeSpan.FromMilliseconds(20),
        ActivityBackoffCoefficient = 2,
        ActivityMaxRetryInterval = TimeSpan.FromMilliseconds(100),
    };

    public static async Task<DagHarness> StartAsync(DagOptions? options = null, DurableBackendOptions? backend = null)
    {
        var lakeDirectory = Directory.CreateTempSubdirectory("dags-tests-").FullName;
        var services = new ServiceCollection()
            .AddSingleton<IObjectStore>(new LocalDirectoryStore(LakeUri.Local(lakeDirectory)))
            .AddSingleton<FakeEtlEngine>()
            .AddSingleton<IEtlEngine>(sp => sp.GetRequiredService<FakeEtlEngine>())
            .AddSingleton<FakeProcessedDataValidator>()
            .AddSingleton<IProcessedDataValidator>(sp => sp.GetRequiredService<FakeProcessedDataValidator>())
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddCanonicalRebuild()
            .AddTransient<CheckRawDataActivity>()
            .AddTransient<FindStaleCanonicalHoursActivity>()
            .AddTransient<RebuildCanonicalHourActivity>()
            .AddTransient<SubmitJobActivity>()
            .AddTransient<GetJobStatusActivity>()
            .AddTransient<TerminateJobActivity>()
            .AddSingleton<FakeOutputPublisher>()
            .AddSingleton<IOutputPublisher>(sp => sp.GetRequiredService<FakeOutputPublisher>())
            .AddTransient<CheckProcessedDataActivity>()
            .AddTransient<PublishOutputsActivity>()
            .BuildServiceProvider();
        options ??= FastOptions();
        backend ??= new DurableBackendOptions();
        var host = await EmbeddedDagHost.StartAsync(services, options, backend, Logging());
        return new DagHarness(lakeDirectory, services, options, backend, host);
    }

    /// <summary>
    /// Stops the host and starts a new one on the same backend, lake and engine: what a restarted process
    /// sees (the fake engine stands for an engine whose jobs outlive the process, like EMR).
    /// </summary>
    public async Task RestartHostAsync()
    {
        await Host.DisposeAsync();
        Host = await EmbeddedDagHost.StartAsync(_services, _options, _backend, Logging());
    }

    /// <summary>Lands one raw file for the dataset and date, as the streamer would.</summary>
    public Task AddRawDataAsync(Dataset dataset, DateOnly date)
    {
        var key = dataset == Dataset.Tweet
            ? LakeLayout.RawTweetHourKey(new DateTimeOffset(date.ToDateTime(new TimeOnly(13, 0)), TimeSpan.Zero))
            : LakeLayout.RawTmdbDayKey(date);
        return Lake.PutTextAsync(key, "{\"id\":1}\n");
    }

    public async Task AddRawDataAsync(DateOnly from, DateOnly to, params Dataset[] datasets)
    {
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            foreach (var dataset in datasets)
            {
                await AddRawDataAsync(dataset, date);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _services.DisposeAsync();
        Directory.Delete(LakeDirectory, recursive: true);
    }

    private static ILoggerFactory? Logging() =>
        Environment.GetEnvironmentVariable("DAGS_TEST_LOG") is { Length: > 0 }
            ? LoggerFactory.Create(b => b.AddProvider(new ConsoleLoggerProvider()).SetMinimumLevel(LogLevel.Debug))
            : null;
}
