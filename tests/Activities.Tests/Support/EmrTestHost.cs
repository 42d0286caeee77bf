using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Activities.Emr;
using TrendingTv.Activities.Engines;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Emr;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.Activities.Tests.Support;

/// <summary>
/// The activities wired as a host wires them (<c>AddEtlActivities</c>, Engine:Kind=emr) against a
/// <see cref="FakeEmrServer"/> on loopback, with test credentials and an in-memory S3 lake.
/// </summary>
public sealed class EmrTestHost : IAsyncDisposable
{
    private EmrTestHost(FakeEmrServer server, InMemoryObjectStore lake, ServiceProvider services)
    {
        Server = server;
        Lake = lake;
        Services = services;
    }

    public FakeEmrServer Server { get; }

    public InMemoryObjectStore Lake { get; }

    public ServiceProvider Services { get; }

    public IEtlEngine Engine => Services.GetRequiredService<IEtlEngine>();

    public EmrClient Client => Services.GetRequiredService<EmrClient>();

    public static Dictionary<string, string?> DefaultSettings(Uri serviceUrl) => new()
    {
        ["Engine:Kind"] = "emr",
        ["Engine:Emr:Region"] = FakeEmrServer.Region,
        ["Engine:Emr:ServiceUrl"] = serviceUrl.ToString(),
        ["Engine:Emr:LogUri"] = "s3://test-logs/emr/",
        ["Engine:Emr:SubnetIds:0"] = "subnet-0aaa",
        ["Engine:Emr:SubnetIds:1"] = "subnet-0bbb",
        ["Engine:Emr:CoreInstanceTypes:0"] = "m6i.xlarge",
        ["Engine:Emr:CoreInstanceTypes:1"] = "m5.xlarge",
        ["Engine:Emr:CoreCapacity"] = "3",
        ["Engine:Emr:SpotTimeoutMinutes"] = "15",
        ["Engine:Emr:IdleTimeoutSeconds"] = "1800",
        ["Engine:Emr:Tags:team"] = "data",
        ["Engine:Emr:MaxRetryAttempts"] = "3",
        ["Engine:Emr:RetryBaseDelay"] = "00:00:00.001",
    };

    /// <summary>A second host over the same server and lake: a new process retrying the activity.</summary>
    public EmrTestHost Restart() => new(Server, Lake, BuildServices(Lake, DefaultSettings(Server.ServiceUrl), Credentials()));

    public static async Task<EmrTestHost> StartAsync(
        Action<Dictionary<string, string?>>? configure = null,
        string? sessionToken = null,
        AWSCredentials? credentials = null)
    {
        var server = await FakeEmrServer.StartAsync(sessionToken);
        var settings = DefaultSettings(server.ServiceUrl);
        configure?.Invoke(settings);
        var lake = new InMemoryObjectStore();
        return new EmrTestHost(server, lake, BuildServices(lake, settings, credentials ?? Credentials(sessionToken)));
    }

    public static AWSCredentials Credentials(string? sessionToken = null) => sessionToken is null
        ? new BasicAWSCredentials(FakeEmrServer.AccessKey, FakeEmrServer.SecretKey)
        : new SessionAWSCredentials(FakeEmrServer.AccessKey, FakeEmrServer.SecretKey, sessionToken);

    public static ServiceProvider BuildServices(IObjectStore lake, Dictionary<string, string?> settings, AWSCredentials? credentials)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(lake);
        if (credentials is not null)
        {
            services.AddSingleton(credentials);
        }

        services.AddEtlActivities();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
