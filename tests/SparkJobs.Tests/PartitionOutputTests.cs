using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Parquet;
using TrendingTv.DataLake.Layout;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>The Parquet partitions: exact schema (read by DuckDB and by Parquet.Net) and re-run behaviour.</summary>
public sealed class PartitionOutputTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private readonly TestLake _lake = TestLake.CopyOf("conformance-lake");

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Tweet_stat_parquet_has_the_data_dictionary_types_in_duckdb()
    {
        await Runner().RunAsync(Dataset.Tweet, Day);

        Assert.Equal(
            ["id|BIGINT", "date|DATE", "hashtag_count|BIGINT", "text_count|BIGINT", "tweet_count|BIGINT"],
            Duck.Rows($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{_lake.PathOf("tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet")}', hive_partitioning = false))"));
    }

    [Fact]
    public async Task Post_stat_parquet_has_the_data_dictionary_types_in_duckdb()
    {
        await Runner().RunAsync(Dataset.Tweet, Day);

        Assert.Equal(
            ["id|BIGINT", "date|DATE", "source|VARCHAR", "hashtag_count|BIGINT", "text_count|BIGINT", "post_count|BIGINT"],
            Duck.Rows($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{_lake.PathOf("post_stat/year=2020/month=11/day=23/part-00000.snappy.parquet")}', hive_partitioning = false))"));
    }

    [Fact]
    public async Task Tmdb_stat_parquet_has_the_data_dictionary_types_in_duckdb()
    {
        await Runner().RunAsync(Dataset.Tmdb, Day);

        Assert.Equal(
            ["id|BIGINT", "date|DATE", "number_of_seasons|BIGINT", "number_of_episodes|BIGINT", "vote_count|BIGINT", "vote_average|DOUBLE", "popularity|DOUBLE"],
            Duck.Rows($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{_lake.PathOf("tmdb_stat/year=2020/month=11/day=23/part-00000.snappy.parquet")}', hive_partitioning = false))"));
    }

    [Fact]
    public async Task Tweet_stat_parquet_reads_back_with_parquet_net()
    {
        await Runner().RunAsync(Dataset.Tweet, Day);

        await using var reader = await ParquetReader.CreateAsync(
            _lake.PathOf("tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet"),
            new ParquetOptions { UseDateOnlyTypeForDates = true });
        Assert.Equal(["id", "date", "hashtag_count", "text_count", "tweet_count"], reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal((Parquet.Meta.Type.INT64, null), Physical(reader, "id"));
        Assert.Equal((Parquet.Meta.Type.INT32, "DATE"), Physical(reader, "date"));
        Assert.Equal((Parquet.Meta.Type.INT64, null), Physical(reader, "tweet_count"));

        var fields = reader.Schema.GetDataFields();
        using var group = reader.OpenRowGroupReader(0);
        var rows = checked((int)group.RowCount);
        var ids = new long?[rows];
        var dates = new DateOnly?[rows];
        var tweets = new long?[rows];
        await group.ReadAsync<long>(fields[0], ids.AsMemory());
        await group.ReadAsync<DateOnly>(fields[1], dates.AsMemory());
        await group.ReadAsync<long>(fields[4], tweets.AsMemory());
        Assert.Equal([60735L, 65494L, 70523L, 87739L, 96677L], ids.Select(i => i!.Value));
        Assert.All(dates, d => Assert.Equal(Day, d));
        Assert.Equal([2L, 0L, 1L, 2L, 2L], tweets.Select(t => t!.Value));
    }

    [Fact]
    public async Task Tmdb_stat_parquet_reads_back_with_parquet_net()
    {
        await Runner().RunAsync(Dataset.Tmdb, Day);

        await using var reader = await ParquetReader.CreateAsync(_lake.PathOf("tmdb_stat/year=2020/month=11/day=23/part-00000.snappy.parquet"));
        Assert.Equal(
            ["id", "date", "number_of_seasons", "number_of_episodes", "vote_count", "vote_average", "popularity"],
            reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal((Parquet.Meta.Type.INT64, null), Physical(reader, "number_of_episodes"));
        Assert.Equal((Parquet.Meta.Type.DOUBLE, null), Physical(reader, "vote_average"));
        Assert.Equal((Parquet.Meta.Type.DOUBLE, null), Physical(reader, "popularity"));
        Assert.Equal((Parquet.Meta.Type.INT32, "DATE"), Physical(reader, "date"));
    }

    [Fact]
    public async Task Rerunning_a_date_replaces_its_partition_and_leaves_other_dates_byte_identical()
    {
        var runner = Runner();
        await runner.RunAsync(Dataset.Tweet, Day);
        await runner.RunAsync(Dataset.Tweet, Day.AddDays(1));
        var otherDate = Snapshot("tweet_stat/year=2020/month=11/day=24/");
        // A file left by an earlier engine (Spark names its own parts) must not survive the re-run.
        var stale = _lake.PathOf("tweet_stat/year=2020/month=11/day=23/part-00000-0bd0.c000.snappy.parquet");
        File.Copy(_lake.PathOf("tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet"), stale);
        // New input for the re-run: one more post mentioning The Crown on 2020-11-23.
        await File.AppendAllTextAsync(
            _lake.PathOf("tweets/2020/11/23/12/2020-11-23-12.jsonl"),
            "{\"id\":1199,\"created_at\":\"2020-11-23T12:30:00Z\",\"date\":\"2020-11-23\",\"lang\":\"en\",\"text\":\"The Crown S4\",\"text_key\":\" the crown s4 \",\"hashtags\":[],\"format\":\"v2\"}\n");

        await runner.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(otherDate, Snapshot("tweet_stat/year=2020/month=11/day=24/"));
        Assert.Equal(
            ["_SUCCESS", "part-00000.snappy.parquet"],
            Directory.EnumerateFiles(_lake.PathOf("tweet_stat/year=2020/month=11/day=23/")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains(
            "65494|0|1|1",
            Duck.Rows($"SELECT id, hashtag_count, text_count, tweet_count FROM read_parquet('{_lake.PathOf("tweet_stat/year=2020/month=11/day=23/")}*.parquet')"));
        Assert.False(Directory.Exists(_lake.PathOf("jobs/tweet-2020-11-23")), "the staging folder is removed once published");
    }

    [Fact]
    public async Task Staging_a_run_writes_aside_and_leaves_the_lakes_partition_and_dimensions_byte_identical()
    {
        var runner = Runner();
        await runner.RunAsync(Dataset.Tmdb, Day);
        var published = Snapshot("tmdb_stat/");
        var dimensions = Snapshot("dims/");
        // The next snapshot of that date says something else about every show.
        var snapshot = _lake.PathOf("tmdb_raw/2020/11/23/2020-11-23.json");
        var changed = (await File.ReadAllTextAsync(snapshot))
            .Replace("\"popularity\":", "\"popularity\":1", StringComparison.Ordinal)
            .Replace("\"name\":\"Drama\"", "\"name\":\"Drama!\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(snapshot, changed);

        var staged = await runner.StageAsync(Dataset.Tmdb, Day);

        Assert.Equal(published, Snapshot("tmdb_stat/"));
        Assert.Equal(dimensions, Snapshot("dims/"));
        Assert.Equal(
            [
                "jobs/tmdb-2020-11-23/out/tmdb_stat/year=2020/month=11/day=23/part-00000.snappy.parquet",
                "jobs/tmdb-2020-11-23/out/dims/tvshows/part-00000.csv",
                "jobs/tmdb-2020-11-23/out/dims/genres/part-00000.csv",
                "jobs/tmdb-2020-11-23/out/dims/networks/part-00000.csv",
                "jobs/tmdb-2020-11-23/out/dims/date/part-00000.csv",
            ],
            staged.KeysWritten);
        Assert.All(staged.KeysWritten, key => Assert.True(File.Exists(_lake.PathOf(key)), key));
        Assert.Contains("18,Drama!", await File.ReadAllTextAsync(_lake.PathOf("jobs/tmdb-2020-11-23/out/dims/genres/part-00000.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staging_replaces_what_an_earlier_attempt_left_in_the_runs_staging_folder()
    {
        var stale = _lake.PathOf("jobs/tweet-2020-11-23/out/tweet_stat/year=2020/month=11/day=23/part-00001.snappy.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllBytesAsync(stale, [1, 2, 3]);
        await File.WriteAllTextAsync(_lake.PathOf("jobs/tweet-2020-11-23/_PUBLISHED"), string.Empty);

        await Runner().StageAsync(Dataset.Tweet, Day);

        Assert.Equal(
            ["out/post_stat/year=2020/month=11/day=23/part-00000.snappy.parquet", "out/tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet"],
            Snapshot("jobs/tweet-2020-11-23/").Keys.Select(k => k.Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal));
    }

    private static (Parquet.Meta.Type? Type, string? Logical) Physical(ParquetReader reader, string column)
    {
        var element = reader.Metadata!.Schema.Single(e => e.Name == column);
        return (element.Type, element.LogicalType?.DATE is not null || element.ConvertedType == Parquet.Meta.ConvertedType.DATE ? "DATE" : null);
    }

    private Dictionary<string, string> Snapshot(string prefix)
    {
        var folder = _lake.PathOf(prefix);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
    }

    private LocalEtlRunner Runner() => new(_lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 });
}
