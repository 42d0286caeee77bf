using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parquet.Serialization;
using TrendingTv.Activities;
using TrendingTv.Dags.Hosting;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Dags.Tests.Canonical;

/// <summary>
/// The embedded host over the DAG's activities wired as the hosts wire them (<c>AddEtlActivities</c>, engine
/// <c>local</c>: DuckDB in process) on a given lake: a local directory, or an S3 store.
/// </summary>
internal sealed class LocalEngineDag : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _work;

    private LocalEngineDag(ServiceProvider services, EmbeddedDagHost host, string work)
    {
        _services = services;
        Host = host;
        _work = work;
    }

    public EmbeddedDagHost Host { get; }

    public IObjectStore Lake => _services.GetRequiredService<IObjectStore>();

    public static async Task<LocalEngineDag> StartAsync(IObjectStore lake, Func<IObjectStore, IObjectStore>? wrap = null)
    {
        var work = Directory.CreateTempSubdirectory("dags-local-engine-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:Kind"] = "local",
            ["Engine:Local:Threads"] = "1",
            ["Engine:Local:WorkDirectory"] = Path.Combine(work, "engine"),
            ["Rebuild:WorkDirectory"] = Path.Combine(work, "rebuild"),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton(wrap is null ? lake : wrap(lake))
            .AddEtlActivities()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var host = await EmbeddedDagHost.StartAsync(services, DagHarness.FastOptions());
        return new LocalEngineDag(services, host, work);
    }

    /// <summary>The date's tweet_stat rows by show id.</summary>
    public async Task<Dictionary<long, (long Hashtag, long Text, long Tweet)>> TweetStatAsync(DateOnly date)
    {
        var rows = new Dictionary<long, (long, long, long)>();
        await foreach (var file in Lake.ListAsync(LakeLayout.PartitionPrefix(LakeLayout.TweetStatTable, date)))
        {
            if (!file.Key.EndsWith(".parquet", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = new MemoryStream(await Lake.ReadBytesAsync(file.Key));
            foreach (var row in (await ParquetSerializer.DeserializeUntypedAsync(stream, null, null, CancellationToken.None)).Data)
            {
                rows[Long(row["id"])] = (Long(row["hashtag_count"]), Long(row["text_count"]), Long(row["tweet_count"]));
            }
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _services.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private static long Long(object? value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}
