using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.S3;
using TrendingTv.SparkJobs;

namespace TrendingTv.LakeTables.Tests;

/// <summary>
/// The tables over a lake written by the original Python pipeline (TestData/reference-2020, its nine
/// days: Spark snappy Parquet with a string tweet_stat.id, dimension CSVs at the root with arrays as
/// text) and over lakes this engine writes, local and on S3.
/// </summary>
[Collection(S3rverFixture.Collection)]
public sealed class LakeDatabaseTests(S3rverFixture s3)
{
    [Fact]
    public async Task Reference_lake_tables_load_with_the_data_dictionary_types()
    {
        using var lake = LakeFolder.CopyOf("reference-2020");
        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        // The original pipeline had no post_stat: the table is there, empty and typed.
        Assert.Equal(["post_stat"], tables.MissingTables);
        Assert.Empty(tables.SkippedFiles);
        Assert.Equal(["0"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM post_stat"));
        Assert.Equal(
            ["id|BIGINT", "date|DATE", "hashtag_count|BIGINT", "text_count|BIGINT", "tweet_count|BIGINT"],
            await Rows.OfAsync(tables.Connection, "SELECT column_name, column_type FROM (DESCRIBE tweet_stat)"));
        Assert.Equal(
            ["id|BIGINT", "date|DATE", "number_of_seasons|BIGINT", "number_of_episodes|BIGINT", "vote_count|BIGINT", "vote_average|DOUBLE", "popularity|DOUBLE"],
            await Rows.OfAsync(tables.Connection, "SELECT column_name, column_type FROM (DESCRIBE tmdb_stat)"));
        Assert.Equal(
            ["id|BIGINT", "name|VARCHAR", "original_name|VARCHAR", "original_language|VARCHAR", "genres_id|INTEGER[]", "networks_id|INTEGER[]"],
            await Rows.OfAsync(tables.Connection, "SELECT column_name, column_type FROM (DESCRIBE tvshows)"));
    }

    [Fact]
    public async Task Reference_lake_has_nine_days_of_one_row_per_tracked_show()
    {
        using var lake = LakeFolder.CopyOf("reference-2020");
        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        Assert.Equal(
            ["2020-11-23|160", "2020-11-24|160", "2020-11-25|160", "2020-11-26|160", "2020-11-27|160", "2020-11-28|160", "2020-11-29|160", "2020-11-30|160", "2020-12-01|160"],
            await Rows.OfAsync(tables.Connection, "SELECT date, count(DISTINCT id) FROM tweet_stat GROUP BY date ORDER BY date"));
        Assert.Equal(["9"], await Rows.OfAsync(tables.Connection, "SELECT count(DISTINCT date) FROM tmdb_stat"));
        Assert.Equal(["0"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM tweet_stat WHERE tweet_count < greatest(hashtag_count, text_count) OR tweet_count > hashtag_count + text_count"));
    }

    [Fact]
    public async Task Reference_lake_ranks_the_same_top_three_as_the_original_notebook()
    {
        using var lake = LakeFolder.CopyOf("reference-2020");
        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        Assert.Equal(
            ["The Mandalorian", "The Undoing", "Supernatural"],
            await Rows.OfAsync(tables.Connection, "SELECT s.name FROM tweet_stat t JOIN tvshows s ON s.id = t.id GROUP BY s.name ORDER BY sum(t.hashtag_count) DESC LIMIT 3"));
    }

    [Fact]
    public async Task Reference_tvshows_arrays_become_integer_lists()
    {
        using var lake = LakeFolder.CopyOf("reference-2020");
        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        Assert.Equal(
            ["The Mandalorian|[10765, 10759, 37]|[2739]"],
            await Rows.OfAsync(tables.Connection, "SELECT name, genres_id, networks_id FROM tvshows WHERE id = 82856"));
        Assert.Equal(["213|Netflix|"], await Rows.OfAsync(tables.Connection, "SELECT id, name, origin_country FROM networks WHERE id = 213"));
        Assert.Equal(["2020-11-23|1"], await Rows.OfAsync(tables.Connection, "SELECT date, weekday FROM date WHERE date = DATE '2020-11-23'"));
    }

    [Fact]
    public async Task A_reference_lake_extended_by_this_engine_reads_as_one_table()
    {
        using var lake = LakeFolder.CopyOf("reference-2020");
        var runner = new LocalEtlRunner(lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 });
        await runner.RunAsync(Dataset.Tweet, new DateOnly(2020, 12, 2)); // no posts: the default catalogue's 160 shows with zeros

        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        Assert.Equal(["1600|10"], await Rows.OfAsync(tables.Connection, "SELECT count(*), count(DISTINCT date) FROM tweet_stat"));
        Assert.Equal(["160|0"], await Rows.OfAsync(tables.Connection, "SELECT count(*), sum(tweet_count) FROM tweet_stat WHERE date = DATE '2020-12-02'"));
        Assert.Equal(["0"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM post_stat")); // no post that date, of any source
    }

    [Fact]
    public async Task Post_stat_of_a_lake_written_by_this_engine_reads_with_the_data_dictionary_types()
    {
        using var lake = LakeFolder.CopyOf("conformance-lake");
        await lake.Store.PutTextAsync(
            "bluesky_posts/2020/11/23/12/2020-11-23-12.jsonl",
            "{\"id\":9001,\"created_at\":\"2020-11-23T12:00:00Z\",\"date\":\"2020-11-23\",\"text\":\"Lupin\",\"text_key\":\" lupin \",\"hashtags\":[],\"source\":\"bluesky\"}\n");
        await new LocalEtlRunner(lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 }).RunAsync(Dataset.Tweet, new DateOnly(2020, 11, 23));

        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        Assert.Equal(
            ["id|BIGINT", "date|DATE", "source|VARCHAR", "hashtag_count|BIGINT", "text_count|BIGINT", "post_count|BIGINT"],
            await Rows.OfAsync(tables.Connection, "SELECT column_name, column_type FROM (DESCRIBE post_stat)"));
        Assert.Equal(
            ["96677|2020-11-23|bluesky|0|1|1", "96677|2020-11-23|x|1|2|2"],
            await Rows.OfAsync(tables.Connection, "SELECT id, date, source, hashtag_count, text_count, post_count FROM post_stat WHERE id = 96677 ORDER BY source"));
        Assert.Equal(["3"], await Rows.OfAsync(tables.Connection, "SELECT tweet_count FROM tweet_stat WHERE id = 96677"));
    }

    [Fact]
    public async Task Tables_of_a_lake_written_by_this_engine_read_back_including_dimensions()
    {
        using var lake = LakeFolder.CopyOf("conformance-lake");
        var runner = new LocalEtlRunner(lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 });
        await runner.RunAsync(Dataset.Tweet, new DateOnly(2020, 11, 23));
        await runner.RunAsync(Dataset.Tmdb, new DateOnly(2020, 11, 23));

        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        Assert.Empty(tables.MissingTables);
        Assert.Equal(["96677|Lupin|[]|[213, 1]|2"], await Rows.OfAsync(tables.Connection, "SELECT s.id, s.name, s.genres_id, s.networks_id, t.tweet_count FROM tvshows s JOIN tweet_stat t ON t.id = s.id WHERE s.id = 96677"));
        Assert.Equal(["213|Netflix|"], await Rows.OfAsync(tables.Connection, "SELECT id, name, origin_country FROM networks WHERE id = 213"));
    }

    [Fact]
    public async Task Tables_of_an_s3_lake_are_downloaded_and_the_copy_removed_on_dispose()
    {
        var (store, _) = await s3.CreateBucketAsync("lakes/prod");
        var source = LakeFolder.TestData("reference-2020");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            await store.UploadFileAsync(file, Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/'));
        }

        string folder;
        using (var tables = await LakeDatabase.OpenAsync(store))
        {
            Assert.Equal(["1440"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM tweet_stat"));
            Assert.Equal(["160"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM tvshows"));
            folder = tables.ScratchFolder;
            Assert.True(Directory.Exists(folder));
        }

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_lake_with_some_tables_has_the_others_empty_and_typed()
    {
        using var lake = LakeFolder.Empty();
        File.Copy(Path.Combine(LakeFolder.TestData("reference-2020"), "genres.csv"), lake.PathOf("genres.csv"));

        using var tables = await LakeDatabase.OpenAsync(lake.Store);

        Assert.Equal(["tweet_stat", "post_stat", "tmdb_stat", "tvshows", "networks", "date"], tables.MissingTables);
        Assert.Equal(["0"], await Rows.OfAsync(tables.Connection, "SELECT count(*) FROM tweet_stat"));
        Assert.Equal(["id|BIGINT", "date|DATE", "hashtag_count|BIGINT", "text_count|BIGINT", "tweet_count|BIGINT"], await Rows.OfAsync(tables.Connection, "SELECT column_name, column_type FROM (DESCRIBE tweet_stat)"));
    }
}
