using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs;
using TrendingTv.Synthetic.Canonical;

// tweet_stat on DuckDB over one generated day of canonical posts (120,000 posts x scale, 160 shows).
// Posts are split between the X and Bluesky canonical prefixes (--bluesky-percent of them under bluesky_posts/), so the
// job reads both sources and writes post_stat beside tweet_stat.
// Usage: dotnet run -c Release --project bench/TweetStatBench -- [--scale 1[,100]] [--posts-per-day 120000] [--bluesky-percent 30] [--keep]
var scales = new List<int> { 1 };
var postsPerDay = 120_000;
var blueskyPercent = 30;
var keep = false;
var explain = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--scale":
            scales = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
            break;
        case "--posts-per-day":
            postsPerDay = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--bluesky-percent":
            blueskyPercent = int.Parse(args[++i], CultureInfo.InvariantCulture);
            if (blueskyPercent is < 0 or > 100)
            {
                Console.Error.WriteLine("--bluesky-percent must be between 0 and 100.");
                return 2;
            }

            break;
        case "--keep":
            keep = true;
            break;
        case "--explain":
            explain = true;
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: [--scale 1,100] [--posts-per-day 120000] [--bluesky-percent 30] [--keep]");
            return 2;
    }
}

var catalogue = ShowCatalogue.LoadDefault();
var day = new DateOnly(2020, 11, 23);
Console.WriteLine($"tweet_stat + post_stat bench: {catalogue.Count} shows, {postsPerDay:N0} posts a day x scale {string.Join(",", scales)} ({blueskyPercent}% Bluesky), {Environment.ProcessorCount} cores (machine shared: figures are pessimistic)");
foreach (var scale in scales)
{
    var root = Path.Combine(Path.GetTempPath(), $"tweetstat-bench-{scale}x-{Guid.NewGuid():N}");
    Directory.CreateDirectory(root);
    try
    {
        var posts = (long)postsPerDay * scale;
        var generate = Stopwatch.StartNew();
        var lake = new LocalDirectoryStore(LakeUri.Local(root));
        await lake.PutTextAsync(LakeLayout.CatalogueKey, catalogue.ToCsv());
        var poolFile = Path.Combine(root, "pool.jsonl");
        var poolSize = (int)Math.Min(posts, 60_000);
        CanonicalPostPool.Write(poolFile, poolSize, catalogue.Shows, seed: 42);
        Console.WriteLine($"scale {scale,3}x: pool of {poolSize:N0} distinct posts in {generate.Elapsed.TotalSeconds:N1} s");
        var bytes = GenerateDay(root, poolFile, poolSize, day, posts, blueskyPercent);
        File.Delete(poolFile);
        generate.Stop();
        Console.WriteLine($"scale {scale,3}x: generated {posts:N0} posts ({bytes / 1e6:N0} MB of JSON lines in 25 hourly files per source) in {generate.Elapsed.TotalSeconds:N1} s");

        var runner = new LocalEtlRunner(lake, NullLogger<LocalEtlRunner>.Instance);
        for (var run = 1; run <= 2; run++)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var result = await runner.RunAsync(Dataset.Tweet, day);
            stopwatch.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var (mentioned, hashtagSum, textSum) = Summary(root, day);
            Console.WriteLine(
                $"scale {scale,3}x: run {run}: tweet_stat {day:yyyy-MM-dd} in {stopwatch.Elapsed.TotalSeconds:N2} s wall, {cpu.TotalSeconds:N2} s CPU, {result.RowsWritten} rows; " +
                $"sum tweet_count {mentioned:N0} ({100.0 * mentioned / posts:N1}% of posts), hashtag {hashtagSum:N0}, text {textSum:N0}; post_stat by source: {SourceSummary(root, day)}");
        }

        if (explain)
        {
            Explain(root, day, catalogue);
        }
    }
    finally
    {
        if (keep)
        {
            Console.WriteLine($"kept {root}");
        }
        else
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

return 0;

// Expands the pool to the day's posts with DuckDB: unique ids, times spread over the day, 1% delivered twice,
// one hourly file per UTC hour plus the next day's first hour (holding late posts of the day and new ones).
static long GenerateDay(string root, string poolFile, int poolSize, DateOnly day, long posts, int blueskyPercent)
{
    using var connection = new DuckDBConnection("Data Source=:memory:");
    connection.Open();
    Execute(connection, $"CREATE TABLE pool AS SELECT * FROM read_json('{poolFile}', format = 'newline_delimited', columns = {{pool_id: 'BIGINT', lang: 'VARCHAR', text: 'VARCHAR', text_key: 'VARCHAR', hashtags: 'VARCHAR[]'}})");
    var perHour = posts / 24;
    long bytes = 0;
    for (var hour = 0; hour <= 24; hour++)
    {
        var start = new DateTime(day.Year, day.Month, day.Day, 0, 0, 0, DateTimeKind.Utc).AddHours(hour);
        var count = hour == 24 ? perHour / 10 : perHour + (hour == 23 ? posts % 24 : 0);
        var firstId = 1_330_000_000_000_000_000L + (hour * perHour * 2);
        // In the next day's first hour, one post in 20 is a late one created in the last second of the day.
        var late = hour == 24 ? "CASE WHEN i % 20 = 0 THEN -1 ELSE (i * 3600) // " + count.ToString(CultureInfo.InvariantCulture) + " END" : "(i * 3600) // " + count.ToString(CultureInfo.InvariantCulture);
        foreach (var (source, filter) in new[] { ("x", $"id % 100 >= {blueskyPercent}"), ("bluesky", $"id % 100 < {blueskyPercent}") })
        {
            var path = Path.Combine(root, LakeLayout.CanonicalPostHourKey(source, new DateTimeOffset(start)));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"""
                COPY (
                    SELECT id, strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS created_at, strftime(ts, '%Y-%m-%d') AS date, p.lang, p.text, p.text_key, p.hashtags, 'v2' AS format, '{source}' AS source
                    FROM (
                        SELECT {firstId} + i AS id, TIMESTAMP '{start:yyyy-MM-dd HH:mm:ss}' + to_seconds({late}) AS ts, (i * 7919 + {hour * 104729}) % {poolSize} AS pool_id
                        FROM range({count}) r(i)
                        UNION ALL
                        SELECT {firstId} + i AS id, TIMESTAMP '{start:yyyy-MM-dd HH:mm:ss}' + to_seconds((i * 3600) // {count}) AS ts, (i * 7919 + {hour * 104729}) % {poolSize} AS pool_id
                        FROM range({count}) r(i) WHERE i % 100 = 7
                    ) g JOIN pool p ON p.pool_id = g.pool_id
                    WHERE {filter}
                ) TO '{path}' (FORMAT json)
                """));
            bytes += new FileInfo(path).Length;
        }
    }

    return bytes;
}

// post_count summed per source, e.g. "x 40,000, bluesky 17,000".
static string SourceSummary(string root, DateOnly day)
{
    using var connection = new DuckDBConnection("Data Source=:memory:");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = $"SELECT source, CAST(sum(post_count) AS BIGINT) FROM read_parquet('{Path.Combine(root, LakeLayout.PartitionPrefix("post_stat", day))}*.parquet') GROUP BY source ORDER BY source DESC";
    using var reader = command.ExecuteReader();
    var parts = new List<string>();
    while (reader.Read())
    {
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture):N0}"));
    }

    return string.Join(", ", parts);
}

static (long Mentioned, long Hashtag, long Text) Summary(string root, DateOnly day)
{
    using var connection = new DuckDBConnection("Data Source=:memory:");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = $"SELECT CAST(sum(tweet_count) AS BIGINT), CAST(sum(hashtag_count) AS BIGINT), CAST(sum(text_count) AS BIGINT) FROM read_parquet('{Path.Combine(root, LakeLayout.PartitionPrefix("tweet_stat", day))}*.parquet')";
    using var reader = command.ExecuteReader();
    reader.Read();
    return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
}

// Prints DuckDB's profile of the post_stat query (the costly half of the job) over the same inputs (where the time goes).
static void Explain(string root, DateOnly day, ShowCatalogue catalogue)
{
    var keysFile = Path.Combine(root, "show_keys.csv");
    File.WriteAllText(keysFile, TrendingTv.SparkJobs.Jobs.ShowKeysTable.ToCsv(catalogue));
    var files = new[] { ("x", "tweets"), ("bluesky", "bluesky_posts") }
        .SelectMany(s => Directory.EnumerateFiles(Path.Combine(root, s.Item2), "*.jsonl", SearchOption.AllDirectories)
            .Where(f => !f.Contains("-24-0", StringComparison.Ordinal) || f.EndsWith("-24-00.jsonl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Source: s.Item1, File: f)))
        .ToList();
    using var connection = new DuckDBConnection("Data Source=:memory:");
    connection.Open();
    var load = Stopwatch.StartNew();
    foreach (var statement in TrendingTv.SparkJobs.Local.DuckDbBinding.BindPostInputs(files, keysFile))
    {
        Execute(connection, statement);
    }

    Console.WriteLine($"explain: inputs bound (JSON parsed into posts_src) in {load.Elapsed.TotalSeconds:N2} s");
    var vars = new Dictionary<string, string> { ["run_date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
    var query = TrendingTv.SparkJobs.Jobs.SqlScripts.AsQuery(TrendingTv.SparkJobs.Jobs.SqlScripts.Substitute(TrendingTv.SparkJobs.Jobs.SqlScripts.Load("post_stat.sql"), vars));
    using var command = connection.CreateCommand();
    command.CommandText = "EXPLAIN ANALYZE " + query;
    using var reader = command.ExecuteReader();
    while (reader.Read())
    {
        Console.WriteLine(reader.GetValue(1));
    }
}

static void Execute(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
