using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Validation;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Lake;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Tests.Validation;

public sealed class ProcessedDataValidatorTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task A_complete_tweet_stat_partition_passes()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);

        var report = await CheckAsync(Dataset.Tweet);

        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Equal(3, report.RowCount);
        Assert.EndsWith("/jobs/tweet-2020-11-23/out/tweet_stat/year=2020/month=11/day=23/", report.Partition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_original_pipelines_spark_output_passes_against_the_default_catalogue()
    {
        var staged = new RunStaging(Dataset.Tweet, Day).PartitionPrefix;
        await _lake.CopyFileAsync(TestDataFile("spark-2020-tweet_stat-2020-11-23.snappy.parquet"), staged + "part-00000-dcc73552.c000.snappy.parquet");
        await _lake.Store.PutTextAsync(staged + "_SUCCESS", string.Empty);
        await _lake.Store.PutTextAsync(staged + ".part-00000-dcc73552.c000.snappy.parquet.crc", "crc");
        await _lake.WritePostStatAsync(Day, PostStatRow.XOnly(await ReadTweetStatAsync(staged + "part-00000-dcc73552.c000.snappy.parquet")));

        var report = await CheckAsync(Dataset.Tweet);

        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Equal(160, report.RowCount);
    }

    [Fact]
    public async Task The_original_pipelines_tmdb_stat_and_dimensions_pass()
    {
        var day = new DateOnly(2020, 11, 28);
        await _lake.CopyFileAsync(TestDataFile("spark-2020-tmdb_stat-2020-11-28.snappy.parquet"), new RunStaging(Dataset.Tmdb, day).PartitionPrefix + "part-00000.c000.snappy.parquet");
        await _lake.WriteReferenceDimensionsAsync(day);

        var report = await new ProcessedDataValidator(_lake.Store, NullLogger<ProcessedDataValidator>.Instance).ValidateAsync(Dataset.Tmdb, day);

        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Equal(160, report.RowCount);
    }

    [Fact]
    public async Task A_missing_show_row_fails_naming_the_show()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(87739, Day, 2, 2, 4)]);

        var report = await CheckAsync(Dataset.Tweet);

        Assert.False(report.Passed);
        var problem = Assert.Single(TweetStatProblems(report));
        Assert.Contains("1 tracked shows without a row", problem, StringComparison.Ordinal);
        Assert.Contains("1402 'The Walking Dead'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 3, 9, "outside [max(hashtag_count, text_count), hashtag_count + text_count]")]
    [InlineData(5, 3, 4, "outside [max(hashtag_count, text_count), hashtag_count + text_count]")]
    [InlineData(-1, 0, 0, "negative count")]
    public async Task An_impossible_count_fails(long hashtag, long text, long tweet, string expected)
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, hashtag, text, tweet), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);

        var report = await CheckAsync(Dataset.Tweet);

        var problem = Assert.Single(TweetStatProblems(report));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains("id 82856", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_of_another_date_duplicates_and_untracked_shows_fail()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 1, 0, 1), new(1402, Day.AddDays(1), 0, 0, 0), new(87739, Day, 0, 0, 0)]);
        await _lake.WriteTweetStatAsync(Day, [new(87739, Day, 0, 0, 0), new(42, Day, 0, 0, 0)], "part-00001.snappy.parquet");

        var report = await CheckAsync(Dataset.Tweet);

        Assert.Equal(5, report.RowCount);
        Assert.Contains(report.Problems, p => p.Contains("date is not the partition's 2020-11-23", StringComparison.Ordinal) && p.Contains("id 1402 dated 2020-11-24", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("more than one row", StringComparison.Ordinal) && p.Contains("87739 (2 rows)", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("not tracked shows", StringComparison.Ordinal) && p.Contains("42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_partition_fails()
    {
        await _lake.WriteTweetStatAsync(Day.AddDays(-1), [new(82856, Day.AddDays(-1), 0, 0, 0)]);

        var report = await CheckAsync(Dataset.Tweet);

        Assert.Equal(0, report.RowCount);
        Assert.Contains("is missing", Assert.Single(report.Problems), StringComparison.Ordinal);
        Assert.Contains("out/tweet_stat/", report.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_published_partition_is_not_what_is_checked_but_the_runs_staged_one()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);
        var staged = new RunStaging(Dataset.Tweet, Day).PartitionPrefix + "part-00000.snappy.parquet";
        await _lake.CopyFileAsync(Path.Combine(_lake.Directory, staged), LakeLayout.PartitionPrefix(LakeLayout.TweetStatTable, Day) + "part-00000.snappy.parquet");
        await _lake.Store.DeleteAsync(staged);

        var report = await CheckAsync(Dataset.Tweet);

        Assert.Contains("The staged partition", Assert.Single(report.Problems), StringComparison.Ordinal);
        Assert.Contains("jobs/tweet-2020-11-23/out/tweet_stat/year=2020/month=11/day=23/ is missing", report.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_in_a_sub_folder_of_the_staged_partition_are_not_counted()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);
        // What a killed Spark job leaves: uncommitted task output under _temporary/.
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6)], "_temporary/0/task_1/part-00000.snappy.parquet");

        var report = await CheckAsync(Dataset.Tweet);

        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Equal(3, report.RowCount);
    }

    [Fact]
    public async Task A_partition_without_rows_fails()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, []);

        var report = await CheckAsync(Dataset.Tweet);

        Assert.Contains(report.Problems, p => p.Contains("is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_without_the_expected_columns_fails_naming_them()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTmdbStatAsync(Day, [new(82856, Day, 2, 16, 3008, 8.5, 2116.174)]);
        await _lake.CopyFileAsync(
            Path.Combine(_lake.Directory, new RunStaging(Dataset.Tmdb, Day).PartitionPrefix + "part-00000.snappy.parquet"),
            new RunStaging(Dataset.Tweet, Day).PartitionPrefix + "part-00000.snappy.parquet");

        var report = await CheckAsync(Dataset.Tweet);

        Assert.Contains(report.Problems, p => p.Contains("lacks the column(s) hashtag_count, text_count, tweet_count", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tmdb_stat_with_a_negative_measure_or_a_duplicate_id_fails()
    {
        await _lake.WriteTmdbStatAsync(Day, [new(82856, Day, 2, 16, 3008, 8.5, -1.5), new(71712, Day, 10, 147, null, null, 80.1), new(71712, Day, 10, 147, 100, 8.1, 80.1)]);
        await _lake.WriteReferenceDimensionsAsync(Day);

        var report = await CheckAsync(Dataset.Tmdb);

        Assert.Equal(2, report.Problems.Count);
        Assert.Contains(report.Problems, p => p.Contains("negative measure", StringComparison.Ordinal) && p.Contains("popularity=-1.5", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("duplicate ids", StringComparison.Ordinal) && p.Contains("71712 (2 rows)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_activity_returns_the_validators_report()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6)]);
        var activity = new CheckProcessedDataActivity(new ProcessedDataValidator(_lake.Store, NullLogger<ProcessedDataValidator>.Instance));

        var report = await activity.RunAsync(new RunRequest(Dataset.Tweet, Day));

        Assert.False(report.Passed);
        Assert.Equal(1, report.RowCount);
    }

    [Fact]
    public async Task Post_stat_of_both_sources_that_sums_to_tweet_stat_passes()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);
        await _lake.WritePostStatAsync(Day, [
            new(82856, Day, "x", 4, 1, 4), new(1402, Day, "x", 0, 0, 0), new(87739, Day, "x", 0, 0, 0),
            new(82856, Day, "bluesky", 1, 2, 2), new(1402, Day, "bluesky", 0, 0, 0), new(87739, Day, "bluesky", 2, 2, 4),
        ]);

        var report = await CheckAsync(Dataset.Tweet);

        Assert.True(report.Passed, string.Join("\n", report.Problems));
    }

    [Fact]
    public async Task A_date_without_posts_passes_with_an_empty_post_stat_partition()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 0, 0, 0), new(1402, Day, 0, 0, 0), new(87739, Day, 0, 0, 0)]);
        await _lake.WritePostStatAsync(Day, []);

        var report = await CheckAsync(Dataset.Tweet);

        Assert.True(report.Passed, string.Join("\n", report.Problems));
    }

    [Fact]
    public async Task Post_stat_that_does_not_sum_to_tweet_stat_fails_naming_the_show()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);
        await _lake.WritePostStatAsync(Day, [new(82856, Day, "x", 5, 3, 6), new(1402, Day, "x", 0, 0, 0), new(87739, Day, "x", 2, 2, 3)]);

        var report = await CheckAsync(Dataset.Tweet);

        var problem = Assert.Single(report.Problems);
        Assert.Contains("not the sums of their post_stat counts", problem, StringComparison.Ordinal);
        Assert.Contains("87739 (tweet_stat 2/2/4, post_stat sums 2/2/3)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_stat_with_an_unknown_source_a_duplicate_or_a_show_missing_for_a_source_fails()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 0, 0, 0), new(1402, Day, 0, 0, 0), new(87739, Day, 0, 0, 0)]);
        await _lake.WritePostStatAsync(Day, [
            new(82856, Day, "x", 0, 0, 0), new(1402, Day, "x", 0, 0, 0), new(87739, Day, "x", 0, 0, 0), new(87739, Day, "x", 0, 0, 0),
            new(82856, Day, "mastodon", 0, 0, 0), new(82856, Day, "bluesky", 0, 0, 0),
        ]);

        var report = await CheckAsync(Dataset.Tweet);

        Assert.Contains(report.Problems, p => p.Contains("unknown source", StringComparison.Ordinal) && p.Contains("id 82856 source 'mastodon'", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("more than one row for a source", StringComparison.Ordinal) && p.Contains("87739 x (2 rows)", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("without a post_stat row for bluesky", StringComparison.Ordinal) && p.Contains("1402 'The Walking Dead'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tweet_run_without_its_post_stat_partition_fails()
    {
        await _lake.PutCatalogueAsync(TestLake.SmallCatalogue);
        await _lake.WriteTweetStatAsync(Day, [new(82856, Day, 5, 3, 6), new(1402, Day, 0, 0, 0), new(87739, Day, 2, 2, 4)]);
        await _lake.Store.DeleteByPrefixAsync(new RunStaging(Dataset.Tweet, Day).PartitionPrefixOf(LakeLayout.PostStatTable));

        var report = await CheckAsync(Dataset.Tweet);

        var problem = Assert.Single(report.Problems);
        Assert.Contains("jobs/tweet-2020-11-23/out/post_stat/year=2020/month=11/day=23/ is missing", problem, StringComparison.Ordinal);
    }

    /// <summary>The problems about tweet_stat itself (WriteTweetStatAsync mirrors its rows into post_stat, which repeats them).</summary>
    private static List<string> TweetStatProblems(ProcessedDataReport report) =>
        [.. report.Problems.Where(p => !p.Contains("post_stat", StringComparison.Ordinal))];

    private async Task<List<TweetStatRow>> ReadTweetStatAsync(string key)
    {
        await using var stream = File.OpenRead(_lake.PathOf(key));
        var rows = await Parquet.Serialization.ParquetSerializer.DeserializeUntypedAsync(stream);
        return [.. rows.Data.Select(r => new TweetStatRow(
            long.Parse(r["id"]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture),
            r["date"] is DateOnly date ? date : DateOnly.FromDateTime((DateTime)r["date"]!),
            Convert.ToInt64(r["hashtag_count"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(r["text_count"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(r["tweet_count"], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    private static string TestDataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "processed", name);

    private Task<ProcessedDataReport> CheckAsync(Dataset dataset) =>
        new ProcessedDataValidator(_lake.Store, NullLogger<ProcessedDataValidator>.Instance).ValidateAsync(dataset, Day);
}
