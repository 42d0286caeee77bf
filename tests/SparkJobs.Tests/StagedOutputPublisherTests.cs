using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>Publishing a run's staged outputs: the swap, its order, its idempotency and the staging clean-up.</summary>
public sealed class StagedOutputPublisherTests
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private const string Partition = "tmdb_stat/year=2020/month=11/day=23/";
    private const string OldSparkPart = Partition + "part-00000-0bd0aa.c000.snappy.parquet";

    [Fact]
    public async Task Spark_output_is_published_under_fixed_names_with_stale_objects_removed_success_last_and_staging_cleaned()
    {
        var lake = await LakeWithSparkStagingAsync();
        var stagedPart = lake[StagedPart(lake)];
        var recorder = new RecordingObjectStore(lake);

        var report = await Publisher(recorder).PublishAsync(Dataset.Tmdb, Day);

        Assert.False(report.WasAlreadyPublished);
        Assert.Equal(InMemoryObjectStore.DefaultRoot + "/" + Partition, report.Partition);
        Assert.Equal([Partition + "_SUCCESS", Partition + "part-00000.snappy.parquet"], lake.Keys.Where(k => k.StartsWith(Partition, StringComparison.Ordinal)));
        Assert.Equal(stagedPart, lake[Partition + "part-00000.snappy.parquet"]);
        Assert.StartsWith("id,name\n18,Drama\n", Encoding.UTF8.GetString(lake["dims/genres.csv"]), StringComparison.Ordinal);
        Assert.DoesNotContain(lake.Keys, k => k.StartsWith("jobs/", StringComparison.Ordinal));
        Assert.Equal(1, report.StaleObjectsRemoved);
        Assert.Equal(
            [Partition + "part-00000.snappy.parquet", Partition + "_SUCCESS", "dims/tvshows.csv", "dims/genres.csv", "dims/networks.csv", "dims/date.csv", "dims/_AS_OF"],
            report.KeysWritten);
        Assert.Equal("2020-11-23", Encoding.UTF8.GetString(lake["dims/_AS_OF"]));

        var writes = recorder.Writes;
        Assert.Equal("put " + Partition + "part-00000.snappy.parquet", writes[0]);
        Assert.Equal("delete " + OldSparkPart, writes[1]);
        Assert.Equal("put " + Partition + "_SUCCESS", writes[2]);
        Assert.Equal(
            ["put dims/tvshows.csv", "put dims/genres.csv", "put dims/networks.csv", "put dims/date.csv", "put dims/_AS_OF", "put jobs/tmdb-2020-11-23/_PUBLISHED"],
            writes.Skip(3).Take(6));
        Assert.Equal("delete jobs/tmdb-2020-11-23/_PUBLISHED", writes[^1]);
    }

    [Fact]
    public async Task A_tweet_run_publishes_post_stat_then_tweet_stat_whose_success_marker_comes_last()
    {
        var lake = new InMemoryObjectStore();
        await lake.LoadFolderAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "conformance-lake"));
        await new LocalEtlRunner(lake, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 1 }).StageAsync(Dataset.Tweet, Day);
        var recorder = new RecordingObjectStore(lake);

        var report = await Publisher(recorder).PublishAsync(Dataset.Tweet, Day);

        const string Posts = "post_stat/year=2020/month=11/day=23/";
        const string Tweets = "tweet_stat/year=2020/month=11/day=23/";
        Assert.Equal([Posts + "part-00000.snappy.parquet", Posts + "_SUCCESS", Tweets + "part-00000.snappy.parquet", Tweets + "_SUCCESS"], report.KeysWritten);
        Assert.Equal(
            ["put " + Posts + "part-00000.snappy.parquet", "put " + Posts + "_SUCCESS", "put " + Tweets + "part-00000.snappy.parquet", "put " + Tweets + "_SUCCESS", "put jobs/tweet-2020-11-23/_PUBLISHED"],
            recorder.Writes.Take(5));
        Assert.DoesNotContain(lake.Keys, k => k.StartsWith("jobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tweet_run_without_its_staged_post_stat_is_not_published()
    {
        var lake = new InMemoryObjectStore();
        await lake.LoadFolderAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "conformance-lake"));
        await new LocalEtlRunner(lake, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 1 }).StageAsync(Dataset.Tweet, Day);
        await lake.DeleteAsync("jobs/tweet-2020-11-23/out/post_stat/year=2020/month=11/day=23/part-00000.snappy.parquet");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Publisher(lake).PublishAsync(Dataset.Tweet, Day));

        Assert.Contains("out/post_stat/year=2020/month=11/day=23/", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(lake.Keys, k => k.StartsWith("tweet_stat/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publishing_again_changes_nothing_and_says_it_was_already_published()
    {
        var lake = await LakeWithSparkStagingAsync();
        await Publisher(lake).PublishAsync(Dataset.Tmdb, Day);
        var published = Snapshot(lake);
        var recorder = new RecordingObjectStore(lake);

        var again = await Publisher(recorder).PublishAsync(Dataset.Tmdb, Day);

        Assert.True(again.WasAlreadyPublished);
        Assert.Empty(again.KeysWritten);
        Assert.Empty(recorder.Writes);
        Assert.Equal(published, Snapshot(lake));
    }

    [Fact]
    public async Task A_publish_that_crashes_before_any_of_its_writes_ends_on_retry_exactly_as_an_uninterrupted_one()
    {
        var reference = await LakeWithSparkStagingAsync();
        var writes = new RecordingObjectStore(reference);
        await Publisher(writes).PublishAsync(Dataset.Tmdb, Day);
        var expected = Snapshot(reference);
        Assert.True(writes.Writes.Count > 10, "the publish has writes to crash between");
        var markerWrite = writes.Writes.ToList().IndexOf("put jobs/tmdb-2020-11-23/_PUBLISHED") + 1;

        for (var crashPoint = 1; crashPoint <= writes.Writes.Count; crashPoint++)
        {
            var lake = await LakeWithSparkStagingAsync();
            var crashing = new RecordingObjectStore(lake) { CrashBeforeWrite = crashPoint };
            await Assert.ThrowsAsync<IOException>(() => Publisher(crashing).PublishAsync(Dataset.Tmdb, Day));

            var retried = await Publisher(lake).PublishAsync(Dataset.Tmdb, Day);

            Assert.True(expected.SequenceEqual(Snapshot(lake)), $"crash before write {crashPoint} ({writes.Writes[crashPoint - 1]}) then retry: the lake differs");
            // Until the marker is written the retry swaps again; after it, the retry only finishes the clean-up.
            Assert.Equal(crashPoint > markerWrite, retried.WasAlreadyPublished);
        }
    }

    [Theory]
    [InlineData("2020-11-24", true)]
    [InlineData("2020-11-23", false)]
    [InlineData("2020-11-22", false)]
    [InlineData("not a date", false)]
    public async Task A_run_older_than_the_dimensions_in_place_publishes_its_partition_and_keeps_the_newer_dimensions(string asOf, bool kept)
    {
        var lake = await LakeWithSparkStagingAsync();
        await lake.PutTextAsync("dims/_AS_OF", asOf);
        var before = Snapshot(lake);

        var report = await Publisher(lake).PublishAsync(Dataset.Tmdb, Day);

        Assert.Equal(kept, report.NewerDimensionsKept);
        Assert.Equal([Partition + "_SUCCESS", Partition + "part-00000.snappy.parquet"], lake.Keys.Where(k => k.StartsWith(Partition, StringComparison.Ordinal)));
        var after = Snapshot(lake);
        Assert.All(LakeLayout.Dimensions.Select(LakeLayout.DimensionKey), key => Assert.Equal(kept, before[key] == after[key]));
        Assert.Equal(kept ? asOf : "2020-11-23", Encoding.UTF8.GetString(lake["dims/_AS_OF"]));
    }

    [Fact]
    public async Task Nothing_staged_and_nothing_published_is_an_error_naming_the_staging_folder()
    {
        var lake = new InMemoryObjectStore();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Publisher(lake).PublishAsync(Dataset.Tweet, Day));

        Assert.Contains($"nothing is staged under {InMemoryObjectStore.DefaultRoot}/jobs/tweet-2020-11-23/", error.Message, StringComparison.Ordinal);
        Assert.Empty(lake.Keys);
    }

    [Theory]
    [InlineData("jobs/tmdb-2020-11-23/out/dims/genres/part-00001-9f.c000.csv", "expected one CSV part file of the genres dimension")]
    [InlineData(null, "no Parquet file is staged")]
    public async Task Incomplete_staging_is_not_published_and_the_lake_is_untouched(string? extraPart, string expected)
    {
        var lake = await LakeWithSparkStagingAsync();
        if (extraPart is null)
        {
            await lake.DeleteAsync(StagedPart(lake));
        }
        else
        {
            await lake.PutTextAsync(extraPart, "id,name\n");
        }

        var before = Snapshot(lake);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Publisher(lake).PublishAsync(Dataset.Tmdb, Day));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(lake));
    }

    [Fact]
    public async Task Expired_staging_folders_are_removed_and_recent_ones_kept()
    {
        using var lake = TestLake.Empty();
        var now = new DateTimeOffset(2020, 12, 20, 0, 0, 0, TimeSpan.Zero);
        async Task PutAsync(string key, DateTimeOffset written)
        {
            await lake.Store.PutTextAsync(key, "x");
            File.SetLastWriteTimeUtc(lake.PathOf(key), written.UtcDateTime);
        }

        await PutAsync("jobs/tmdb-2020-11-23/out/tmdb_stat/year=2020/month=11/day=23/part-00000.snappy.parquet", now.AddDays(-20));
        await PutAsync("jobs/tweet-2020-11-30/tweet_stat.sql", now.AddDays(-20));
        await PutAsync("jobs/tweet-2020-11-30/out/tweet_stat/year=2020/month=11/day=30/part-00000.snappy.parquet", now.AddDays(-1));
        await PutAsync("jobs/tweet-2020-12-19/show_keys.csv", now.AddHours(-1));
        await PutAsync("tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet", now.AddDays(-30));

        var removed = await Publisher(lake.Store).RemoveExpiredStagingAsync(now.AddDays(-14));

        Assert.Equal(["jobs/tmdb-2020-11-23/"], removed);
        Assert.Equal(
            [
                "jobs/tweet-2020-11-30/out/tweet_stat/year=2020/month=11/day=30/part-00000.snappy.parquet",
                "jobs/tweet-2020-11-30/tweet_stat.sql",
                "jobs/tweet-2020-12-19/show_keys.csv",
                "tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet",
            ],
            await KeysAsync(lake.Store));
    }

    private static StagedOutputPublisher Publisher(IObjectStore lake) => new(lake, NullLogger<StagedOutputPublisher>.Instance);

    /// <summary>
    /// A lake with a published tmdb day (an old Spark part file, old dimensions) and the run's outputs staged
    /// as Spark leaves them: its own part file names, <c>_SUCCESS</c> and <c>.crc</c> files beside them.
    /// </summary>
    private static async Task<InMemoryObjectStore> LakeWithSparkStagingAsync()
    {
        var lake = new InMemoryObjectStore();
        await lake.LoadFolderAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "conformance-lake"));
        await lake.PutTextAsync(OldSparkPart, "an old Spark part file");
        await lake.PutTextAsync(Partition + "_SUCCESS", string.Empty);
        foreach (var name in LakeLayout.Dimensions)
        {
            await lake.PutTextAsync(LakeLayout.DimensionKey(name), $"old {name}\n");
        }

        var staged = await new LocalEtlRunner(lake, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 1 }).StageAsync(Dataset.Tmdb, Day);
        foreach (var key in staged.KeysWritten)
        {
            var folder = key[..(key.LastIndexOf('/') + 1)];
            var sparkName = key.EndsWith(".parquet", StringComparison.Ordinal) ? "part-00000-4b1f2e.c000.snappy.parquet" : "part-00000-77aa01-c000.csv";
            await lake.PutAsync(folder + sparkName, new MemoryStream(lake[key]));
            await lake.DeleteAsync(key);
            await lake.PutTextAsync(folder + "_SUCCESS", string.Empty);
            await lake.PutTextAsync(folder + "." + sparkName + ".crc", "crc");
        }

        return lake;
    }

    private static string StagedPart(InMemoryObjectStore lake) =>
        lake.Keys.Single(k => k.StartsWith("jobs/tmdb-2020-11-23/out/" + Partition, StringComparison.Ordinal) && k.EndsWith(".snappy.parquet", StringComparison.Ordinal));

    private static SortedDictionary<string, string> Snapshot(InMemoryObjectStore lake) =>
        new(lake.Keys.ToDictionary(k => k, k => Convert.ToHexString(SHA256.HashData(lake[k]))), StringComparer.Ordinal);

    private static async Task<List<string>> KeysAsync(IObjectStore lake)
    {
        var keys = new List<string>();
        await foreach (var info in lake.ListAsync(string.Empty))
        {
            keys.Add(info.Key);
        }

        return keys;
    }
}
