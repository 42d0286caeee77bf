using TrendingTv.DataLake.Storage;
using TrendingTv.DataLake.Tests.Support;

namespace TrendingTv.DataLake.Tests.Storage;

/// <summary>What only a local directory lake does: temp-file writes, folders on disk, the root's boundary.</summary>
public sealed class LocalDirectoryStoreTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("trendingtv-local-store-");
    private readonly string _root;
    private readonly LocalDirectoryStore _store;

    public LocalDirectoryStoreTests()
    {
        _root = Path.Combine(_folder.FullName, "lake");
        _store = new LocalDirectoryStore(LakeUri.Local(_root));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_write_goes_through_a_temp_file_that_listings_never_show()
    {
        var source = new ScriptedStream(1 << 20, gateAt: 1 << 19);
        var put = _store.PutAsync("tweets/2020/11/23/05/2020-11-23-05.jsonl", source);
        await source.ReachedGate.WaitAsync(Guard);

        var temp = Path.Combine(_root, LocalDirectoryStore.TempFolder);
        var partial = Assert.Single(Directory.GetFiles(temp));
        Assert.Equal(1 << 19, new FileInfo(partial).Length);
        Assert.False(File.Exists(Path.Combine(_root, "tweets", "2020", "11", "23", "05", "2020-11-23-05.jsonl")));
        Assert.Empty(await KeysAsync(string.Empty));
        Assert.Empty(await KeysAsync(".t"));

        source.Release();
        await put.WaitAsync(Guard);

        Assert.False(Directory.Exists(temp));
        Assert.Equal(["tweets/2020/11/23/05/2020-11-23-05.jsonl"], await KeysAsync(string.Empty));
    }

    [Fact]
    public async Task A_failed_write_removes_its_temp_file()
    {
        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("data/object.bin", new ScriptedStream(1 << 20, failAt: 1000)));

        Assert.False(Directory.Exists(Path.Combine(_root, LocalDirectoryStore.TempFolder)));
        Assert.False(Directory.Exists(Path.Combine(_root, "data")));
    }

    [Fact]
    public async Task A_write_that_is_cancelled_removes_its_temp_file_and_leaves_the_previous_version()
    {
        await _store.PutTextAsync("data/object.bin", "previous");
        using var cancellation = new CancellationTokenSource();
        var source = new ScriptedStream(1 << 20, gateAt: 1 << 10);
        var put = _store.PutAsync("data/object.bin", source, cancellation.Token);
        await source.ReachedGate.WaitAsync(Guard);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);
        Assert.False(Directory.Exists(Path.Combine(_root, LocalDirectoryStore.TempFolder)));
        Assert.Equal("previous", await _store.ReadTextAsync("data/object.bin"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(40)]
    public async Task Writes_leave_no_scratch_folder_in_the_lake(int writes)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, writes), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
            await _store.PutTextAsync($"tweets/2020/11/23/{i % 24:00}/2020-11-23-{i % 24:00}.jsonl", new string('x', 10_000 + i), token));

        Assert.False(Directory.Exists(Path.Combine(_root, LocalDirectoryStore.TempFolder)));
        Assert.Equal(Math.Min(writes, 24), (await KeysAsync(string.Empty)).Count);
        Assert.Empty(Directory.GetDirectories(_root, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Keys_in_the_temp_folder_are_rejected()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _store.PutTextAsync(".tmp/sneaky.json", "x"));

        Assert.Contains("'.tmp/sneaky.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_are_files_under_the_root_named_by_their_key()
    {
        await _store.PutTextAsync("tweet_stat/year=2020/month=11/day=2/part-0.parquet", "x");

        Assert.True(File.Exists(Path.Combine(_root, "tweet_stat", "year=2020", "month=11", "day=2", "part-0.parquet")));
        Assert.Equal(
            new Uri(Path.Combine(_root, "tweet_stat/year=2020/month=11/day=2/part-0.parquet")).AbsoluteUri,
            _store.Root.UriOf("tweet_stat/year=2020/month=11/day=2/part-0.parquet"));
    }

    [Fact]
    public async Task An_invalid_key_never_touches_the_file_system_outside_the_root()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutTextAsync("../escape.json", "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutTextAsync("a/../../escape.json", "x"));

        Assert.False(File.Exists(Path.Combine(_folder.FullName, "escape.json")));
    }

    [Fact]
    public async Task Deleting_the_last_objects_of_a_folder_removes_the_empty_folders_but_not_the_root()
    {
        await _store.PutTextAsync("jobs/run-1/a/b.csv", "b");
        await _store.PutTextAsync("jobs/run-2/c.csv", "c");

        await _store.DeleteAsync("jobs/run-1/a/b.csv");
        Assert.False(Directory.Exists(Path.Combine(_root, "jobs", "run-1")));
        Assert.True(Directory.Exists(Path.Combine(_root, "jobs", "run-2")));

        Assert.Equal(1, await _store.DeleteByPrefixAsync("jobs/"));
        Assert.False(Directory.Exists(Path.Combine(_root, "jobs")));
        Assert.True(Directory.Exists(_root));
    }

    [Fact]
    public async Task A_store_over_a_missing_directory_lists_nothing_and_creates_it_on_the_first_write()
    {
        Assert.False(Directory.Exists(_root));
        Assert.Empty(await KeysAsync(string.Empty));
        Assert.Null(await _store.GetInfoAsync("reference/tv_shows.csv"));

        await _store.PutTextAsync("reference/tv_shows.csv", "id,name,hashtag\n");

        Assert.True(File.Exists(Path.Combine(_root, "reference", "tv_shows.csv")));
    }

    [Fact]
    public async Task Concurrent_writes_of_one_key_leave_one_complete_version()
    {
        var versions = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 50_000 + i)).ToArray();

        await Parallel.ForEachAsync(versions, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (v, token) =>
            await _store.PutTextAsync("dims/tvshows.csv", v, token));

        Assert.Contains(await _store.ReadTextAsync("dims/tvshows.csv"), versions);
        Assert.False(Directory.Exists(Path.Combine(_root, LocalDirectoryStore.TempFolder)));
    }

    [Fact]
    public async Task Concurrent_writes_and_deletes_in_one_folder_never_fail()
    {
        // A delete prunes a folder it emptied; a write that just created that folder must still land.
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
        {
            var key = $"churn/{i % 3}/file.txt";
            if (i % 2 == 0)
            {
                await _store.PutTextAsync(key, "x", token);
            }
            else
            {
                await _store.DeleteAsync(key, token);
            }
        });

        Assert.All(await KeysAsync("churn/"), k => Assert.StartsWith("churn/", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_where_a_folder_of_the_key_should_be_is_an_error_naming_the_key_and_leaves_no_temp_file()
    {
        await _store.PutTextAsync("churn/1", "a file, not a folder");

        var error = await Assert.ThrowsAsync<IOException>(() => _store.PutTextAsync("churn/1/file.txt", "x"));

        Assert.Contains("'churn/1/file.txt'", error.Message, StringComparison.Ordinal);
        Assert.Equal("a file, not a folder", await _store.ReadTextAsync("churn/1"));
        Assert.False(Directory.Exists(Path.Combine(_root, LocalDirectoryStore.TempFolder)));
    }

    [Fact]
    public void A_store_needs_a_local_root()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocalDirectoryStore(LakeUri.Parse("s3://bucket/lake")));

        Assert.Contains("s3://bucket/lake", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var info in _store.ListAsync(prefix))
        {
            keys.Add(info.Key);
        }

        return keys;
    }
}
