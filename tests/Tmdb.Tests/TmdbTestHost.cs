using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Tmdb;
using TrendingTv.Tmdb.Client;
using TrendingTv.Tmdb.Selection;
using TrendingTv.Tmdb.Snapshot;

namespace TrendingTv.Tmdb.Tests;

/// <summary>
/// The TMDB area wired as the streamer wires it (AddDataLake + AddTmdb from configuration) against
/// a fake TMDB server and a lake in a temporary directory. Test settings are fast (high rate, 10 ms
/// retry delay) unless a test overrides them; tests of timeouts set a short attempt timeout.
/// </summary>
internal sealed class TmdbTestHost : IAsyncDisposable
{
    public const string AccessToken = "test-read-access-token-5f0c1a";

    private TmdbTestHost(ServiceProvider services, string lakeDirectory)
    {
        Services = services;
        LakeDirectory = lakeDirectory;
    }

    public ServiceProvider Services { get; }

    public string LakeDirectory { get; }

    public IObjectStore Store => Services.GetRequiredService<IObjectStore>();

    public TmdbClient Client => Services.GetRequiredService<TmdbClient>();

    public static TmdbTestHost Create(FakeTmdbServer server, IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null, bool withCredential = true)
    {
        var lake = Path.Combine(Path.GetTempPath(), $"tmdb-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(lake);
        var values = new Dictionary<string, string?>
        {
            ["Lake:Root"] = lake,
            ["Tmdb:BaseUrl"] = server.BaseAddress.ToString(),
            ["Tmdb:AccessToken"] = withCredential ? AccessToken : null,
            ["Tmdb:RequestsPerSecond"] = "500",
            ["Tmdb:Burst"] = "20",
            ["Tmdb:MaxConcurrency"] = "8",
            ["Tmdb:MaxRetryAttempts"] = "3",
            ["Tmdb:RetryBaseDelay"] = "00:00:00.010",
            ["Tmdb:AttemptTimeout"] = "00:00:10",
            ["Tmdb:TotalTimeout"] = "00:01:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddDataLake();
        services.AddTmdb();
        return new TmdbTestHost(services.BuildServiceProvider(validateScopes: true), lake);
    }

    /// <summary>A snapshotter whose query_datetime stamps come from <paramref name="time"/>; the HTTP pipeline keeps the real clock.</summary>
    public TmdbSnapshotter Snapshotter(TimeProvider time) => ActivatorUtilities.CreateInstance<TmdbSnapshotter>(Services, time);

    public TmdbShowSelector Selector => Services.GetRequiredService<TmdbShowSelector>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Directory.Delete(LakeDirectory, recursive: true);
    }
}
