using DuckDB.NET.Data;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Jobs;

namespace TrendingTv.SparkJobs;

/// <summary>
/// Reads a lake's analytics tables: an in-memory DuckDB connection with the views
/// <c>tweet_stat</c>, <c>tmdb_stat</c>, <c>tvshows</c>, <c>genres</c>, <c>networks</c> and <c>date</c>,
/// typed as the data dictionary says (DESIGN §5) whoever wrote the lake. Lakes written by the
/// original Python pipeline read the same way: its string <c>tweet_stat.id</c> is cast to BIGINT,
/// its <c>tvshows.csv</c> arrays (text such as <c>"[18, 10765]"</c>) become INTEGER[], and its
/// dimension CSVs may sit at the lake root instead of under <c>dims/</c>. A table the lake does not
/// have is an empty view (listed in <see cref="MissingTables"/>). An S3 lake is downloaded to a
/// temporary folder, removed on dispose.
/// </summary>
public sealed class LakeTables : IDisposable
{
    private readonly string? _downloadFolder;

    private LakeTables(DuckDBConnection connection, IReadOnlyList<string> missing, string? downloadFolder)
    {
        Connection = connection;
        MissingTables = missing;
        _downloadFolder = downloadFolder;
    }

    /// <summary>The view names, in data-dictionary order.</summary>
    public static IReadOnlyList<string> TableNames { get; } = ["tweet_stat", "tmdb_stat", "tvshows", "genres", "networks", "date"];

    /// <summary>An open DuckDB connection over the views; query it freely (it owns no lake objects).</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>The temporary copy of a remote lake's tables; null for a local lake.</summary>
    internal string? DownloadFolder => _downloadFolder;

    /// <summary>Tables the lake has no data for (their views are empty).</summary>
    public IReadOnlyList<string> MissingTables { get; }

    /// <summary>Opens the tables of <paramref name="lake"/>.</summary>
    public static async Task<LakeTables> OpenAsync(IObjectStore lake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        string root;
        string? downloadFolder = null;
        if (lake is LocalDirectoryStore && lake.Root.IsLocal)
        {
            root = lake.Root.LocalPath!;
        }
        else
        {
            downloadFolder = Path.Combine(Path.GetTempPath(), $"trendingtv-tables-{Guid.NewGuid():N}");
            root = downloadFolder;
            await DownloadTablesAsync(lake, downloadFolder, cancellationToken);
        }

        JobParameters.SqlPath(root, "lake folder");
        var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            var missing = new List<string>();
            foreach (var (name, sql) in Views(root, missing))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"CREATE VIEW {name} AS {sql}";
                command.ExecuteNonQuery();
            }

            return new LakeTables(connection, missing, downloadFolder);
        }
        catch
        {
            connection.Dispose();
            if (downloadFolder is not null)
            {
                Directory.Delete(downloadFolder, recursive: true);
            }

            throw;
        }
    }

    public void Dispose()
    {
        Connection.Dispose();
        if (_downloadFolder is not null && Directory.Exists(_downloadFolder))
        {
            Directory.Delete(_downloadFolder, recursive: true);
        }
    }

    private static IEnumerable<(string Name, string Sql)> Views(string root, List<string> missing)
    {
        string? Parquet(string table)
        {
            var folder = Path.Combine(root, table);
            return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any()
                ? Local.DuckDbBinding.Quote(Path.Combine(folder, "**", "*.parquet"))
                : null;
        }

        string? Csv(string name)
        {
            // This engine's layout first (dims/{name}.csv), then the original pipeline's ({name}.csv at the root).
            foreach (var path in new[] { Path.Combine(root, LakeLayout.DimensionsRoot, name + ".csv"), Path.Combine(root, name + ".csv") })
            {
                if (File.Exists(path))
                {
                    return Local.DuckDbBinding.Quote(path);
                }
            }

            return null;
        }

        string Empty(string name, string columns)
        {
            missing.Add(name);
            return $"SELECT {columns} WHERE false";
        }

        // union_by_name: files written by Spark (id VARCHAR, other column order) and by this engine (id BIGINT)
        // share one view; hive_partitioning off because date is a column of every file.
        var tweetStat = Parquet(LakeLayout.TweetStatTable);
        yield return ("tweet_stat", tweetStat is null
            ? Empty("tweet_stat", "CAST(NULL AS BIGINT) AS id, CAST(NULL AS DATE) AS date, CAST(NULL AS BIGINT) AS hashtag_count, CAST(NULL AS BIGINT) AS text_count, CAST(NULL AS BIGINT) AS tweet_count")
            : $"SELECT CAST(id AS BIGINT) AS id, CAST(date AS DATE) AS date, CAST(hashtag_count AS BIGINT) AS hashtag_count, CAST(text_count AS BIGINT) AS text_count, CAST(tweet_count AS BIGINT) AS tweet_count FROM read_parquet({tweetStat}, union_by_name = true, hive_partitioning = false)");

        var tmdbStat = Parquet(LakeLayout.TmdbStatTable);
        yield return ("tmdb_stat", tmdbStat is null
            ? Empty("tmdb_stat", "CAST(NULL AS BIGINT) AS id, CAST(NULL AS DATE) AS date, CAST(NULL AS BIGINT) AS number_of_seasons, CAST(NULL AS BIGINT) AS number_of_episodes, CAST(NULL AS BIGINT) AS vote_count, CAST(NULL AS DOUBLE) AS vote_average, CAST(NULL AS DOUBLE) AS popularity")
            : $"SELECT CAST(id AS BIGINT) AS id, CAST(date AS DATE) AS date, CAST(number_of_seasons AS BIGINT) AS number_of_seasons, CAST(number_of_episodes AS BIGINT) AS number_of_episodes, CAST(vote_count AS BIGINT) AS vote_count, CAST(vote_average AS DOUBLE) AS vote_average, CAST(popularity AS DOUBLE) AS popularity FROM read_parquet({tmdbStat}, union_by_name = true, hive_partitioning = false)");

        const string CsvOptions = "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"'";
        var tvshows = Csv("tvshows");
        yield return ("tvshows", tvshows is null
            ? Empty("tvshows", "CAST(NULL AS BIGINT) AS id, CAST(NULL AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS original_name, CAST(NULL AS VARCHAR) AS original_language, CAST(NULL AS INTEGER[]) AS genres_id, CAST(NULL AS INTEGER[]) AS networks_id")
            : "SELECT id, name, original_name, original_language, " +
              "CASE WHEN trim(coalesce(genres_id, '')) = '' THEN CAST([] AS INTEGER[]) ELSE CAST(genres_id AS INTEGER[]) END AS genres_id, " +
              "CASE WHEN trim(coalesce(networks_id, '')) = '' THEN CAST([] AS INTEGER[]) ELSE CAST(networks_id AS INTEGER[]) END AS networks_id " +
              $"FROM read_csv({tvshows}, {CsvOptions}, columns = {{id: 'BIGINT', name: 'VARCHAR', original_name: 'VARCHAR', original_language: 'VARCHAR', genres_id: 'VARCHAR', networks_id: 'VARCHAR'}})");

        var genres = Csv("genres");
        yield return ("genres", genres is null
            ? Empty("genres", "CAST(NULL AS INTEGER) AS id, CAST(NULL AS VARCHAR) AS name")
            : $"SELECT id, name FROM read_csv({genres}, {CsvOptions}, columns = {{id: 'INTEGER', name: 'VARCHAR'}})");

        var networks = Csv("networks");
        yield return ("networks", networks is null
            ? Empty("networks", "CAST(NULL AS INTEGER) AS id, CAST(NULL AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS origin_country")
            : $"SELECT id, name, coalesce(origin_country, '') AS origin_country FROM read_csv({networks}, {CsvOptions}, columns = {{id: 'INTEGER', name: 'VARCHAR', origin_country: 'VARCHAR'}})");

        var date = Csv("date");
        yield return ("date", date is null
            ? Empty("date", "CAST(NULL AS DATE) AS date, CAST(NULL AS INTEGER) AS weekday, CAST(NULL AS INTEGER) AS day, CAST(NULL AS INTEGER) AS month, CAST(NULL AS INTEGER) AS year")
            : $"SELECT date, weekday, day, month, year FROM read_csv({date}, {CsvOptions}, columns = {{date: 'DATE', weekday: 'INTEGER', day: 'INTEGER', month: 'INTEGER', year: 'INTEGER'}})");
    }

    private static async Task DownloadTablesAsync(IObjectStore lake, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var prefix in new[] { LakeLayout.TweetStatTable + "/", LakeLayout.TmdbStatTable + "/", LakeLayout.DimensionsRoot + "/" })
        {
            await foreach (var info in lake.ListAsync(prefix, cancellationToken))
            {
                if (info.Key.EndsWith(".parquet", StringComparison.Ordinal) || info.Key.EndsWith(".csv", StringComparison.Ordinal))
                {
                    await lake.DownloadToFileAsync(info.Key, Path.Combine(folder, info.Key.Replace('/', Path.DirectorySeparatorChar)), cancellationToken);
                }
            }
        }

        foreach (var name in LakeLayout.Dimensions)
        {
            var legacyKey = name + ".csv";
            if (await lake.ExistsAsync(legacyKey, cancellationToken))
            {
                await lake.DownloadToFileAsync(legacyKey, Path.Combine(folder, legacyKey), cancellationToken);
            }
        }
    }
}
