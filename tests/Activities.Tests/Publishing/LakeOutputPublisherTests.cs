using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.Activities.Engines;
using TrendingTv.Activities.Publishing;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Tests.Publishing;

public sealed class LakeOutputPublisherTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private static readonly DateTimeOffset Now = new(2020, 12, 20, 6, 0, 0, TimeSpan.Zero);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Publishing_removes_staging_that_outlived_the_retention_on_the_clock_and_keeps_younger_staging()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);
        await PutAsync("jobs/tmdb-2020-11-20/out/dims/genres/part-00000.csv", Now.AddDays(-15));
        await PutAsync("jobs/tweet-2020-12-01/out/tweet_stat/year=2020/month=12/day=1/part-00000.snappy.parquet", Now.AddDays(-13));

        var report = await Publisher(_lake.Store, TimeSpan.FromDays(14)).PublishAsync(Dataset.Tweet, Day);

        Assert.Equal(["jobs/tmdb-2020-11-20/"], report.ExpiredStagingRemoved);
        Assert.Contains("tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet", report.KeysWritten);
        Assert.Equal(
            ["jobs/tweet-2020-12-01/out/tweet_stat/year=2020/month=12/day=1/part-00000.snappy.parquet"],
            await KeysAsync(_lake.Store, "jobs/"));
    }

    [Fact]
    public async Task A_failing_clean_up_of_expired_staging_does_not_fail_a_published_run()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);

        var report = await Publisher(new JobsListingFails(_lake.Store), TimeSpan.FromDays(14)).PublishAsync(Dataset.Tweet, Day);

        Assert.Empty(report.ExpiredStagingRemoved);
        Assert.True(await _lake.Store.ExistsAsync("tweet_stat/year=2020/month=11/day=23/_SUCCESS"));
    }

    private static LakeOutputPublisher Publisher(IObjectStore lake, TimeSpan retention) => new(
        new StagedOutputPublisher(lake, NullLogger<StagedOutputPublisher>.Instance),
        Options.Create(new EngineOptions { StagingRetention = retention }),
        new FakeTimeProvider(Now),
        NullLogger<LakeOutputPublisher>.Instance);

    private async Task PutAsync(string key, DateTimeOffset written)
    {
        await _lake.Store.PutTextAsync(key, "x");
        File.SetLastWriteTimeUtc(Path.Combine(_lake.Directory, key), written.UtcDateTime);
    }

    private static async Task<List<string>> KeysAsync(IObjectStore lake, string prefix)
    {
        var keys = new List<string>();
        await foreach (var info in lake.ListAsync(prefix))
        {
            keys.Add(info.Key);
        }

        return keys;
    }

    /// <summary>A lake whose listing of the whole <c>jobs/</c> folder fails (a permission missing, say).</summary>
    private sealed class JobsListingFails(IObjectStore inner) : IObjectStore
    {
        public LakeUri Root => inner.Root;

        public Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

        public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

        public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (prefix == LakeLayout.JobsRoot + "/")
            {
                throw new IOException("Access denied listing jobs/ (simulated).");
            }

            await foreach (var info in inner.ListAsync(prefix, cancellationToken))
            {
                yield return info;
            }
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeleteByPrefixAsync(prefix, cancellationToken);
    }
}
