using System.Text;
using TrendingTv.DataLake.Storage;
using TrendingTv.DataLake.Tests.Support;

namespace TrendingTv.DataLake.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> must have. Each implementation's test class derives
/// from this one and says how to make a fresh, empty store; every test here then runs on it.
/// </summary>
public abstract class ObjectStoreContract
{
    /// <summary>The part size the stores under test use where parts apply (S3's minimum).</summary>
    protected const int PartSize = 5 << 20;

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    /// <summary>A fresh, empty store with <see cref="PartSize"/> parts.</summary>
    protected abstract Task<IObjectStore> NewStoreAsync();

    /// <summary>A store over the same lake that lists <paramref name="listPageSize"/> keys per request where that applies.</summary>
    protected abstract IObjectStore WithListPageSize(IObjectStore store, int listPageSize);

    /// <summary>Checks, where the store has requests, that listing through <paramref name="pagedStore"/> took <paramref name="pages"/> of them.</summary>
    protected virtual void AssertListRequests(IObjectStore pagedStore, int pages)
    {
    }

    /// <summary>Checks, where the store deletes in batches, that <paramref name="store"/> sent <paramref name="batches"/> of them.</summary>
    protected virtual void AssertDeleteBatches(IObjectStore store, int batches)
    {
    }

    [Theory]
    [InlineData("reference/tv_shows.csv")]
    [InlineData("tweet_raw/2020/11/23/05/2020-11-23-05.json")]
    [InlineData("tweet_stat/year=2020/month=11/day=2/part-00000-5d1e.c000.snappy.parquet")]
    [InlineData("odd/a key with spaces, commas & ampersands+plus=equals;semi@at(1).txt")]
    [InlineData("unicode/日本語/ドラマ 🎬 é.json")]
    [InlineData("x")]
    public async Task Put_then_read_returns_the_same_bytes(string key)
    {
        var store = await NewStoreAsync();
        var content = Encoding.UTF8.GetBytes($"content of {key}\n");

        await store.PutBytesAsync(key, content);

        Assert.Equal(content, await store.ReadBytesAsync(key));
        Assert.Equal([key], await KeysAsync(store, string.Empty));
    }

    [Fact]
    public async Task Put_replaces_an_existing_object()
    {
        var store = await NewStoreAsync();
        await store.PutTextAsync("dims/genres.csv", "id,name\n1,a much longer first version\n");

        await store.PutTextAsync("dims/genres.csv", "id,name\n");

        Assert.Equal("id,name\n", await store.ReadTextAsync("dims/genres.csv"));
        Assert.Equal(8, (await store.GetInfoAsync("dims/genres.csv"))!.Size);
        Assert.Equal(["dims/genres.csv"], await KeysAsync(store, string.Empty));
    }

    [Fact]
    public async Task GetInfo_reports_the_key_and_size()
    {
        var store = await NewStoreAsync();
        await store.PutBytesAsync("tmdb_raw/2020/11/23/2020-11-23.json", new byte[12_345]);

        var info = await store.GetInfoAsync("tmdb_raw/2020/11/23/2020-11-23.json");

        Assert.NotNull(info);
        Assert.Equal("tmdb_raw/2020/11/23/2020-11-23.json", info.Key);
        Assert.Equal(12_345, info.Size);
        Assert.True(info.LastModified > new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), $"LastModified {info.LastModified:O}");
        Assert.True(await store.ExistsAsync("tmdb_raw/2020/11/23/2020-11-23.json"));
    }

    [Fact]
    public async Task GetInfo_of_a_missing_key_is_null()
    {
        var store = await NewStoreAsync();
        await store.PutTextAsync("tweets/2020/11/23/05/2020-11-23-05.jsonl", "{}\n");

        Assert.Null(await store.GetInfoAsync("tweets/2020/11/23/06/2020-11-23-06.jsonl"));
        Assert.Null(await store.GetInfoAsync("never/written.json"));
        Assert.False(await store.ExistsAsync("tweets/2020/11/23/05"));
    }

    [Fact]
    public async Task An_empty_object_round_trips()
    {
        var store = await NewStoreAsync();

        await store.PutBytesAsync("jobs/run-1/_SUCCESS", ReadOnlyMemory<byte>.Empty);

        Assert.Equal(0, (await store.GetInfoAsync("jobs/run-1/_SUCCESS"))!.Size);
        Assert.Empty(await store.ReadBytesAsync("jobs/run-1/_SUCCESS"));
    }

    [Theory]
    [InlineData("tweets/2020/11/23/05/2020-11-23-05.jsonl")] // its folder does not exist either
    [InlineData("reference/tv_shows.csv")] // its folder exists
    [InlineData("reference")] // a folder, not an object
    public async Task Reading_a_missing_key_throws_ObjectNotFoundException_naming_the_key_and_the_lake(string key)
    {
        var store = await NewStoreAsync();
        await store.PutTextAsync("reference/other.csv", "id\n");

        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.OpenReadAsync(key));

        Assert.Equal(key, error.Key);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(store.Root.ToString(), error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FileNotFoundException>(error);
    }

    [Fact]
    public async Task Listing_1500_keys_pages_through_all_of_them_in_key_order_and_delete_by_prefix_removes_them()
    {
        var store = await NewStoreAsync();
        var keys = Enumerable.Range(0, 1500).Select(i => $"many/{i / 100:d2}/{i:d4}.json").ToArray();
        await Parallel.ForEachAsync(
            keys.Reverse().Append("manx/before.json").Append("other/after.json"),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (key, token) => await store.PutTextAsync(key, key, token));

        var listed = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync("many/"))
        {
            listed.Add(info);
        }

        Assert.Equal(keys, listed.Select(i => i.Key));
        Assert.All(listed, i => Assert.Equal(Encoding.UTF8.GetByteCount(i.Key), i.Size));

        // Pages of 97 keys: 16 requests, the last one partial.
        var paged = WithListPageSize(store, 97);
        Assert.Equal(keys, await KeysAsync(paged, "many/"));
        AssertListRequests(paged, 16);
        Assert.Equal(1502, (await KeysAsync(store, string.Empty)).Count);

        Assert.Equal(1500, await store.DeleteByPrefixAsync("many/"));
        AssertDeleteBatches(store, 2); // S3 deletes at most 1000 keys a request

        Assert.Equal(["manx/before.json", "other/after.json"], await KeysAsync(store, string.Empty));
    }

    [Fact]
    public async Task Listing_is_in_ordinal_key_order_and_a_prefix_filters_as_a_string()
    {
        // Keys whose folders sort like the keys themselves: s3rver lists by walking folders, so keys that
        // are prefixes of sibling names followed by characters below '/' would list out of order there
        // (AWS S3 lists in binary key order).
        string[] expected =
        [
            "Upper/x.csv",
            "lower/x.csv",
            "reference/tv_shows.csv",
            "tweet_raw/2020/11/23/05/2020-11-23-05.json",
            "tweet_raw/2020/11/23/06/2020-11-23-06.json",
            "tweet_stat/year=2020/month=11/day=1/part-0.parquet",
            "tweet_stat/year=2020/month=11/day=10/part-0.parquet",
            "tweet_stat/year=2020/month=11/day=9/part-0.parquet",
            "tweets/2020/11/23/05/2020-11-23-05.jsonl",
        ];
        var store = await NewStoreAsync();
        foreach (var key in expected.OrderBy(k => k.Length).ThenByDescending(k => k, StringComparer.Ordinal))
        {
            await store.PutTextAsync(key, key);
        }

        Assert.Equal(expected, await KeysAsync(store, string.Empty));
        Assert.Equal(expected[3..], await KeysAsync(store, "tweet"));
        Assert.Equal(expected[8..], await KeysAsync(store, "tweets/"));
        Assert.Equal(expected[3..5], await KeysAsync(store, "tweet_raw/2020/11/23/0"));
        Assert.Equal(expected[5..7], await KeysAsync(store, "tweet_stat/year=2020/month=11/day=1"));
        Assert.Equal(expected[5..6], await KeysAsync(store, "tweet_stat/year=2020/month=11/day=1/"));
        Assert.Equal(["reference/tv_shows.csv"], await KeysAsync(store, "reference/tv_shows.csv"));
        Assert.Empty(await KeysAsync(store, "upper/"));
        Assert.Empty(await KeysAsync(store, "missing/"));
        Assert.True(await store.AnyUnderAsync("tweet_stat/year=2020/month=11/day=9/"));
        Assert.False(await store.AnyUnderAsync("tweet_stat/year=2020/month=11/day=2/"));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_deleting_a_missing_key_is_not_an_error()
    {
        var store = await NewStoreAsync();
        await store.PutTextAsync("jobs/run-1/a.csv", "a");
        await store.PutTextAsync("jobs/run-1/b.csv", "b");

        await store.DeleteAsync("jobs/run-1/a.csv");
        await store.DeleteAsync("jobs/run-1/a.csv");
        await store.DeleteAsync("never/written.csv");

        Assert.Null(await store.GetInfoAsync("jobs/run-1/a.csv"));
        Assert.Equal(["jobs/run-1/b.csv"], await KeysAsync(store, string.Empty));
        Assert.Equal("b", await store.ReadTextAsync("jobs/run-1/b.csv"));
    }

    [Fact]
    public async Task DeleteByPrefix_deletes_only_the_objects_under_that_prefix()
    {
        var store = await NewStoreAsync();
        string[] kept =
        [
            "tmdb_stat/year=2020/month=11/day=2/part-0.parquet",
            "tweet_stat/year=2020/month=11/day=20/part-0.parquet",
            "tweet_stat/year=2020/month=11/day=21/part-0.parquet",
        ];
        foreach (var key in kept.Append("tweet_stat/year=2020/month=11/day=2/part-0.parquet").Append("tweet_stat/year=2020/month=11/day=2/_SUCCESS"))
        {
            await store.PutTextAsync(key, key);
        }

        Assert.Equal(2, await store.DeleteByPrefixAsync("tweet_stat/year=2020/month=11/day=2/"));
        Assert.Equal(0, await store.DeleteByPrefixAsync("tweet_stat/year=2020/month=11/day=2/"));

        Assert.Equal(kept, await KeysAsync(store, string.Empty));
    }

    [Theory]
    [InlineData("../escape.json", "../escape.json")]
    [InlineData("tweets/../../escape.json", "tweets/../../escape.json")]
    [InlineData("/etc/passwd", "/etc/passwd")]
    [InlineData("tweets\\2020\\x.json", "tweets\\2020\\x.json")]
    [InlineData("./x.json", "./x.json")]
    [InlineData("a//b.json", "a//b.json")]
    [InlineData("folder/", "folder/")]
    public async Task An_invalid_key_is_an_ArgumentException_naming_it_and_writes_nothing(string key, string printed)
    {
        var store = await NewStoreAsync();
        await AssertKeyRejectedAsync(store, key, printed);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x09)]
    [InlineData(0x0A)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x85)]
    public async Task A_key_with_a_control_character_is_an_ArgumentException_naming_it_printably(int control)
    {
        var store = await NewStoreAsync();
        var key = $"tweets/bad{(char)control}name.json";

        await AssertKeyRejectedAsync(store, key, $"tweets/bad\\u{control:x4}name.json");
    }

    private static async Task AssertKeyRejectedAsync(IObjectStore store, string key, string printed)
    {
        Func<Task>[] operations =
        [
            () => store.PutTextAsync(key, "x"),
            () => store.OpenReadAsync(key),
            () => store.GetInfoAsync(key),
            () => store.DeleteAsync(key),
        ];

        foreach (var operation in operations)
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(operation);
            Assert.Contains($"'{printed}'", error.Message, StringComparison.Ordinal);
            Assert.Equal("key", error.ParamName);
        }

        Assert.Empty(await KeysAsync(store, string.Empty));
    }

    [Fact]
    public async Task An_empty_key_is_an_ArgumentException()
    {
        var store = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.PutTextAsync(string.Empty, "x"));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/tweets")]
    [InlineData("tweets\\2020")]
    [InlineData("tweets//")]
    public async Task An_invalid_prefix_is_an_ArgumentException_when_listing_or_deleting(string prefix)
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => KeysAsync(store, prefix));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteByPrefixAsync(prefix));
    }

    [Fact]
    public async Task A_prefix_with_a_control_character_is_an_ArgumentException()
    {
        var store = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => KeysAsync(store, "tweets/\u0001"));

        Assert.Contains("'tweets/\\u0001'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PartSize - 1)]
    [InlineData(PartSize)]
    [InlineData((2 * PartSize) + 12_345)]
    public async Task Objects_around_the_part_size_stream_up_and_down_intact(int size)
    {
        var store = await NewStoreAsync();
        var seed = (ulong)size;

        await using (var source = new ScriptedStream(size, seed))
        {
            await store.PutAsync("big/object.bin", source);
            Assert.Equal(size, source.Produced);
        }

        Assert.Equal(size, (await store.GetInfoAsync("big/object.bin"))!.Size);
        await using var read = await store.OpenReadAsync("big/object.bin");
        Assert.Equal(ScriptedStream.ExpectedSha256(size, seed), ScriptedStream.Sha256(read));
    }

    [Fact]
    public async Task A_put_in_progress_is_invisible_and_the_previous_version_stays_readable()
    {
        var store = await NewStoreAsync();
        await store.PutTextAsync("data/object.bin", "previous version");
        const int Size = PartSize + 4096;

        // Both sources stop past the first part: an S3 multipart upload is under way, a local temp file half written.
        var replacing = new ScriptedStream(Size, seed: 7, gateAt: PartSize + 1024);
        var creating = new ScriptedStream(Size, seed: 8, gateAt: PartSize + 1024);
        var replace = store.PutAsync("data/object.bin", replacing);
        var create = store.PutAsync("data/new.bin", creating);
        await replacing.ReachedGate.WaitAsync(Guard);
        await creating.ReachedGate.WaitAsync(Guard);

        Assert.Equal("previous version", await store.ReadTextAsync("data/object.bin"));
        Assert.Equal(16, (await store.GetInfoAsync("data/object.bin"))!.Size);
        Assert.Null(await store.GetInfoAsync("data/new.bin"));
        var during = await InfosAsync(store, string.Empty);
        Assert.Equal(["data/object.bin"], during.Select(i => i.Key));
        Assert.Equal(16, during[0].Size);

        replacing.Release();
        creating.Release();
        await Task.WhenAll(replace, create).WaitAsync(Guard);

        Assert.Equal(["data/new.bin", "data/object.bin"], await KeysAsync(store, string.Empty));
        await using var read = await store.OpenReadAsync("data/object.bin");
        Assert.Equal(ScriptedStream.ExpectedSha256(Size, seed: 7), ScriptedStream.Sha256(read));
    }

    [Theory]
    [InlineData(100)] // fails inside what would be a single PUT
    [InlineData(PartSize + 100)] // fails after the first part of a multipart upload
    public async Task A_put_whose_source_fails_leaves_the_previous_version_and_nothing_else(int failAt)
    {
        var store = await NewStoreAsync();
        await store.PutTextAsync("data/object.bin", "previous version");

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("data/object.bin", new ScriptedStream(2 * PartSize, failAt: failAt)));
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("data/new.bin", new ScriptedStream(2 * PartSize, failAt: failAt)));

        Assert.Equal("previous version", await store.ReadTextAsync("data/object.bin"));
        Assert.Equal(["data/object.bin"], await KeysAsync(store, string.Empty));
    }

    protected static async Task<List<string>> KeysAsync(IObjectStore store, string prefix) =>
        [.. (await InfosAsync(store, prefix)).Select(i => i.Key)];

    protected static async Task<List<ObjectInfo>> InfosAsync(IObjectStore store, string prefix)
    {
        var infos = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync(prefix))
        {
            infos.Add(info);
        }

        return infos;
    }
}
