using System.Text;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;
using TrendingTv.SparkJobs.Jobs;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>The spark-sql plan and script the EMR engine uploads and runs.</summary>
public sealed class SparkBindingTests
{
    private static readonly DateOnly Day = new(2020, 11, 23);

    [Fact]
    public async Task Tweet_plan_is_the_spark_sql_command_line_for_the_uploaded_script()
    {
        var lake = await ConformanceLakeAsync();

        var plan = await SparkBinding.PrepareAsync(lake, Dataset.Tweet, Day);

        Assert.Equal("tweet-2020-11-23", plan.RunId);
        Assert.Equal("s3://test-lake/prefix/jobs/tweet-2020-11-23/tweet_stat.sql", plan.ScriptUri);
        Assert.Equal(
            [
                "spark-sql", "--conf", "spark.sql.session.timeZone=UTC",
                "-f", "s3://test-lake/prefix/jobs/tweet-2020-11-23/tweet_stat.sql",
                "--hivevar", "run_date=2020-11-23", "--hivevar", "lake=s3://test-lake/prefix",
            ],
            plan.SparkSqlArguments);
    }

    [Fact]
    public async Task Tweet_script_binds_inputs_with_explicit_schemas_and_overwrites_one_partition()
    {
        var lake = await ConformanceLakeAsync();

        await SparkBinding.PrepareAsync(lake, Dataset.Tweet, Day);

        var script = Encoding.UTF8.GetString(lake["jobs/tweet-2020-11-23/tweet_stat.sql"]);
        Assert.Contains("SET spark.sql.session.timeZone=UTC;", script, StringComparison.Ordinal);
        Assert.Contains(
            "CREATE TEMPORARY VIEW posts_x_day (id BIGINT, date DATE, text_key STRING, hashtags ARRAY<STRING>)\nUSING json OPTIONS (path '${lake}/tweets/2020/11/23/*/*.jsonl', mode 'FAILFAST');",
            script,
            StringComparison.Ordinal);
        Assert.Contains("USING json OPTIONS (path '${lake}/tweets/2020/11/24/00/2020-11-24-00.jsonl', mode 'FAILFAST');", script, StringComparison.Ordinal);
        Assert.Contains("SELECT id, date, 'x' AS source, text_key, hashtags FROM posts_x_day", script, StringComparison.Ordinal);
        // An X-only lake: no view reads the missing bluesky_posts/ prefix (Spark fails on a missing path).
        Assert.DoesNotContain("bluesky", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TEMPORARY VIEW post_hashtags AS SELECT id, date, source, explode(hashtags) AS hashtag FROM posts_src;", script, StringComparison.Ordinal);
        Assert.Contains("USING csv OPTIONS (path '${lake}/jobs/tweet-2020-11-23/show_keys.csv', header 'true', quote '\"', escape '\"', mode 'FAILFAST');", script, StringComparison.Ordinal);
        // Into the run's staging folder, never into the lake's tables: the DAG checks, then publishes.
        Assert.Contains("INSERT OVERWRITE DIRECTORY '${lake}/jobs/tweet-2020-11-23/out/tweet_stat/year=2020/month=11/day=23'\nUSING parquet", script, StringComparison.Ordinal);
        Assert.Contains("INSERT OVERWRITE DIRECTORY '${lake}/jobs/tweet-2020-11-23/out/post_stat/year=2020/month=11/day=23'\nUSING parquet", script, StringComparison.Ordinal);
        Assert.DoesNotContain("DIRECTORY '${lake}/tweet_stat/", script, StringComparison.Ordinal);
        Assert.DoesNotContain("DIRECTORY '${lake}/post_stat/", script, StringComparison.Ordinal);
        // The shared transformations go in unchanged, with ${run_date} left for --hivevar; post_stat is computed once.
        Assert.Contains("CACHE TABLE post_stat AS\n" + SqlScripts.AsQuery(SqlScripts.Load(SqlScripts.PostStat)) + ";\n", script, StringComparison.Ordinal);
        Assert.Contains(SqlScripts.AsQuery(SqlScripts.Load(SqlScripts.TweetStat)), script, StringComparison.Ordinal);
        Assert.DoesNotContain("'2020-11-23'", script, StringComparison.Ordinal);
        // post_stat is written before tweet_stat, from the cached result.
        Assert.True(
            script.IndexOf("out/post_stat/", StringComparison.Ordinal) < script.IndexOf("out/tweet_stat/", StringComparison.Ordinal),
            "post_stat is written first");
        // Statements end with ';' at the end of a line, as spark-sql -f splits them.
        Assert.Equal(11, script.Split(";\n").Length - 1);
    }

    [Fact]
    public async Task Tweet_script_reads_each_sources_files_with_its_source()
    {
        var lake = await ConformanceLakeAsync();
        await lake.PutTextAsync("bluesky_posts/2020/11/23/12/2020-11-23-12.jsonl", "{\"id\":9001,\"date\":\"2020-11-23\",\"text_key\":\" lupin \",\"hashtags\":[]}\n");

        await SparkBinding.PrepareAsync(lake, Dataset.Tweet, Day);

        var script = Encoding.UTF8.GetString(lake["jobs/tweet-2020-11-23/tweet_stat.sql"]);
        Assert.Contains(
            "CREATE TEMPORARY VIEW posts_bluesky_day (id BIGINT, date DATE, text_key STRING, hashtags ARRAY<STRING>)\nUSING json OPTIONS (path '${lake}/bluesky_posts/2020/11/23/*/*.jsonl', mode 'FAILFAST');",
            script,
            StringComparison.Ordinal);
        Assert.Contains("SELECT id, date, 'bluesky' AS source, text_key, hashtags FROM posts_bluesky_day", script, StringComparison.Ordinal);
        Assert.Contains("SELECT id, date, 'x' AS source, text_key, hashtags FROM posts_x_day", script, StringComparison.Ordinal);
        // Bluesky has no first hour of the next day here: no view for it.
        Assert.DoesNotContain("posts_bluesky_next_first_hour", script, StringComparison.Ordinal);
        Assert.Contains("posts_x_next_first_hour", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tweet_plan_uploads_the_show_match_keys_computed_in_csharp()
    {
        var lake = await ConformanceLakeAsync();

        await SparkBinding.PrepareAsync(lake, Dataset.Tweet, Day);

        var keys = Encoding.UTF8.GetString(lake["jobs/tweet-2020-11-23/show_keys.csv"]).Split('\n');
        Assert.Equal("id,key_kind,key,token", keys[0]);
        Assert.Contains("87739,\"text\",\" the queen s gambit \",\"gambit\"", keys);
        Assert.Contains("60735,\"hashtag\",\"theflash\",\"\"", keys);
        Assert.Contains("60735,\"hashtag\",\"flash\",\"\"", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("70523,\"text\"", StringComparison.Ordinal)); // Dark: text_match=false
    }

    [Fact]
    public async Task Tweet_script_without_posts_reads_no_missing_path()
    {
        var lake = await ConformanceLakeAsync();

        await SparkBinding.PrepareAsync(lake, Dataset.Tweet, new DateOnly(2021, 1, 5));

        var script = Encoding.UTF8.GetString(lake["jobs/tweet-2021-01-05/tweet_stat.sql"]);
        Assert.DoesNotContain("USING json", script, StringComparison.Ordinal);
        Assert.Contains("WHERE 1 = 0", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tmdb_script_writes_the_partition_and_the_dimensions_to_the_runs_staging_folder()
    {
        var lake = await ConformanceLakeAsync();

        var plan = await SparkBinding.PrepareAsync(lake, Dataset.Tmdb, Day);

        Assert.Equal("s3://test-lake/prefix/jobs/tmdb-2020-11-23/tmdb_stat.sql", plan.ScriptUri);
        var script = Encoding.UTF8.GetString(lake["jobs/tmdb-2020-11-23/tmdb_stat.sql"]);
        Assert.Contains("USING json OPTIONS (path '${lake}/tmdb_raw/2020/11/23/2020-11-23.json', mode 'FAILFAST');", script, StringComparison.Ordinal);
        Assert.Contains("genres ARRAY<STRUCT<id: INT, name: STRING>>", script, StringComparison.Ordinal);
        Assert.Contains("INSERT OVERWRITE DIRECTORY '${lake}/jobs/tmdb-2020-11-23/out/tmdb_stat/year=2020/month=11/day=23'", script, StringComparison.Ordinal);
        foreach (var name in LakeLayout.Dimensions)
        {
            Assert.Contains($"INSERT OVERWRITE DIRECTORY '${{lake}}/jobs/tmdb-2020-11-23/out/dims/{name}'\nUSING csv", script, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("DIRECTORY '${lake}/tmdb_stat/", script, StringComparison.Ordinal);
        Assert.DoesNotContain("DIRECTORY '${lake}/dims/", script, StringComparison.Ordinal);

        Assert.Contains(SqlScripts.AsQuery(SqlScripts.Load(SqlScripts.DimGenres)), script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preparing_a_job_clears_what_an_earlier_attempt_of_the_run_left_in_its_staging_folder()
    {
        var lake = await ConformanceLakeAsync();
        await lake.PutAsync("jobs/tmdb-2020-11-23/out/tmdb_stat/year=2020/month=11/day=23/part-00000-old.c000.snappy.parquet", new MemoryStream([1, 2, 3]));
        await lake.PutAsync("jobs/tmdb-2020-11-23/_PUBLISHED", new MemoryStream());
        await lake.PutAsync("jobs/tmdb-2020-11-24/out/tmdb_stat/year=2020/month=11/day=24/part-00000.snappy.parquet", new MemoryStream([4]));

        await SparkBinding.PrepareAsync(lake, Dataset.Tmdb, Day);

        Assert.Equal(["jobs/tmdb-2020-11-23/tmdb_stat.sql"], lake.Keys.Where(k => k.StartsWith("jobs/tmdb-2020-11-23/", StringComparison.Ordinal)));
        Assert.Contains("jobs/tmdb-2020-11-24/out/tmdb_stat/year=2020/month=11/day=24/part-00000.snappy.parquet", lake.Keys); // another run's
    }

    [Fact]
    public async Task Spark_plans_need_an_s3_lake()
    {
        using var local = TestLake.Empty();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SparkBinding.PrepareAsync(local.Store, Dataset.Tweet, Day));

        Assert.Contains("local directory", error.Message, StringComparison.Ordinal);
    }

    private static async Task<InMemoryObjectStore> ConformanceLakeAsync()
    {
        var lake = new InMemoryObjectStore("s3://test-lake/prefix");
        await lake.LoadFolderAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "conformance-lake"));
        return lake;
    }
}
