using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Activities;
using TrendingTv.Activities.Engines;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Tests.Fakes;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Emr;

namespace TrendingTv.Dags.Tests;

/// <summary>
/// The embedded host over the DAG's real activities as a host wires them (<c>AddEtlActivities</c>): the real
/// validator and publisher, and a real engine: <c>local</c> (DuckDB) or <c>emr</c> (the EMR client against a
/// <see cref="FakeEmrServer"/>, the Spark step played by <see cref="SimulatedSparkEngine"/>).
/// </summary>
public sealed class EngineDagHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _work;

    private EngineDagHarness(ServiceProvider services, EmbeddedDagHost host, string work)
    {
        _services = services;
        Host = host;
        _work = work;
    }

    public EmbeddedDagHost Host { get; }

    public static async Task<EngineDagHarness> StartAsync(IObjectStore lake, string engine, FakeEmrServer? emr = null)
    {
        var work = Directory.CreateTempSubdirectory("dags-engine-work-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Engine:Kind"] = engine,
            ["Engine:Local:Threads"] = "1",
            ["Engine:Local:WorkDirectory"] = work,
        };
        var services = new ServiceCollection().AddLogging().AddSingleton(lake);
        if (emr is not null)
        {
            settings["Engine:Emr:Region"] = FakeEmrServer.Region;
            settings["Engine:Emr:ServiceUrl"] = emr.ServiceUrl.ToString();
            settings["Engine:Emr:LogUri"] = "s3://test-logs/emr/";
            settings["Engine:Emr:RetryBaseDelay"] = "00:00:00.001";
            services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(FakeEmrServer.AccessKey, FakeEmrServer.SecretKey));
            services.AddSingleton<IEtlEngine>(sp => new SimulatedSparkEngine(sp.GetRequiredService<EmrEngine>(), lake));
        }

        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddEtlActivities();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var host = await EmbeddedDagHost.StartAsync(provider, DagHarness.FastOptions());
        return new EngineDagHarness(provider, host, work);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _services.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }
}
