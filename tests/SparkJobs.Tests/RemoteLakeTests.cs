using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Layout;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>
/// The local engine on a lake that is not a local directory (an s3:// root): inputs are downloaded,
/// outputs uploaded through IObjectStore, and the scratch folder is removed.
/// </summary>
public sealed class RemoteLakeTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"sparkjobs-work-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task Tweet_run_on_a_remote_lake_uploads_the_partition_and_removes_its_scratch_folder()
    {
        var lake = await ConformanceLakeAsync();
        Directory.CreateDirectory(_work);

        var result = await Runner(lake).RunAsync(Dataset.Tweet, Day);

        Assert.Equal(5, result.RowsWritten);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
        var parquet = Path.Combine(_work, "read-back.parquet");
        await File.WriteAllBytesAsync(parquet, lake["tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet"]);
        Assert.Contains("87739|1|2|2", Duck.Rows($"SELECT id, hashtag_count, text_count, tweet_count FROM read_parquet('{parquet}')"));
        Assert.Empty(lake["tweet_stat/year=2020/month=11/day=23/_SUCCESS"]);
    }

    [Fact]
    public async Task Tmdb_run_on_a_remote_lake_uploads_partition_and_dimensions()
    {
        var lake = await ConformanceLakeAsync();
        Directory.CreateDirectory(_work);

        var result = await Runner(lake).RunAsync(Dataset.Tmdb, Day);

        Assert.All(result.KeysWritten, key => Assert.Contains(key, lake.Keys));
        Assert.StartsWith("id,name\n18,Drama\n", Encoding.UTF8.GetString(lake["dims/genres.csv"]), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
    }

    [Fact]
    public async Task A_failing_run_still_removes_its_scratch_folder()
    {
        var lake = await ConformanceLakeAsync();
        await lake.PutAsync("tweets/2020/11/23/05/2020-11-23-05.jsonl", new MemoryStream(Encoding.UTF8.GetBytes("{\"id\": \"not a number\"}\n")));
        Directory.CreateDirectory(_work);

        await Assert.ThrowsAnyAsync<Exception>(() => Runner(lake).RunAsync(Dataset.Tweet, Day));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_work));
        Assert.DoesNotContain(lake.Keys, k => k.StartsWith("tweet_stat/", StringComparison.Ordinal));
    }

    private LocalEtlRunner Runner(InMemoryObjectStore lake) =>
        new(lake, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2, WorkDirectory = _work });

    private static async Task<InMemoryObjectStore> ConformanceLakeAsync()
    {
        var lake = new InMemoryObjectStore();
        await lake.LoadFolderAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "conformance-lake"));
        return lake;
    }
}
