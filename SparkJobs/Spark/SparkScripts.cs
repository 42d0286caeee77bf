using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.SparkJobs.Jobs;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.SparkJobs.Spark;

/// <summary>
/// The Spark side of each job: a complete <c>spark-sql</c> script made of the statements that bind
/// the inputs (temporary views with explicit schemas), the shared transformation of
/// <c>sql/*.sql</c> unchanged, and the write of its result. <c>${run_date}</c> and <c>${lake}</c>
/// are left for <c>spark-sql --hivevar</c> to substitute; only validated, date-derived path parts
/// are written into the text.
/// </summary>
/// <remarks>
/// Spark 3.5 SQL reference pages behind the choices below:
/// <list type="bullet">
/// <item>Spark SQL CLI guide (sql-distributed-sql-engine-spark-sql-cli.html): <c>-f</c> runs a file
/// from any Hadoop file system, <c>--hivevar k=v</c> is substituted as <c>${k}</c> anywhere in the
/// text, string literals included (spark.sql.variable.substitute, on by default).</item>
/// <item>CREATE TABLE … USING data source (sql-ref-syntax-ddl-create-table-datasource.html) and its
/// temporary-view form <c>CREATE TEMPORARY VIEW v (col type, …) USING json OPTIONS (path …)</c>:
/// the column list is the schema, so nothing is inferred; keys not in the list are ignored.</item>
/// <item>JSON files (sql-data-sources-json.html): one object a line by default (multiLine false),
/// <c>mode 'FAILFAST'</c> fails the job on a malformed record instead of nulling it.</item>
/// <item>CSV files (sql-data-sources-csv.html): <c>escape</c> defaults to a backslash, so it is set to
/// <c>"</c> to read and write quotes doubled, as DuckDB does.</item>
/// <item>INSERT OVERWRITE DIRECTORY (sql-ref-syntax-dml-insert-overwrite-directory.html): replaces
/// exactly that directory, here a folder of the run's staging area (<c>jobs/{runId}/out/…</c>), never a
/// table of the lake; the Hadoop committer writes <c>_SUCCESS</c> there.</item>
/// <item>CACHE TABLE (sql-ref-syntax-aux-cache-cache-table.html): <c>CACHE TABLE name AS query</c> computes the
/// query once, eagerly, and keeps it as a temporary view, so the post_stat result feeds both outputs without a
/// second read of the posts.</item>
/// <item>Hints (sql-ref-syntax-qry-select-hints.html): <c>COALESCE(1)</c> makes one output file.</item>
/// <item>Generators (sql-ref-functions-builtin.html#generator-functions): <c>explode</c> unnests, the
/// engine-bound counterpart of DuckDB's <c>unnest</c>; <c>split</c>, <c>transform</c>,
/// <c>array_join</c>, <c>sequence</c>, <c>weekday</c> (0 = Monday) likewise stay out of the shared text.</item>
/// </list>
/// </remarks>
internal static class SparkScripts
{
    public const string TimeZoneConf = "spark.sql.session.timeZone=UTC";

    /// <summary>The columns of a canonical post the job reads; other keys of the JSON lines are ignored.</summary>
    public const string PostSchema = "id BIGINT, date DATE, text_key STRING, hashtags ARRAY<STRING>";

    public const string TmdbSchema =
        "id BIGINT, query_datetime STRING, name STRING, original_name STRING, original_language STRING, " +
        "number_of_seasons BIGINT, number_of_episodes BIGINT, vote_count BIGINT, vote_average DOUBLE, popularity DOUBLE, " +
        "genres ARRAY<STRUCT<id: INT, name: STRING>>, networks ARRAY<STRUCT<id: INT, name: STRING, origin_country: STRING>>";

    public static string ScriptFileName(Dataset dataset) => dataset == Dataset.Tweet ? "tweet_stat.sql" : "tmdb_stat.sql";

    /// <summary>
    /// The tweet script: post_stat (per show and source), kept cached, then tweet_stat from it; both written to the
    /// run's staging folder. <paramref name="inputKeys"/> are the canonical hourly keys that exist
    /// (<see cref="LocalEtlRunner.PostInputKeysAsync"/>): a source or next-day first hour without any gets no input
    /// view, since Spark fails on a missing path.
    /// </summary>
    public static string TweetStat(DateOnly date, string runId, IReadOnlyCollection<string> inputKeys)
    {
        ArgumentNullException.ThrowIfNull(inputKeys);
        var staging = new RunStaging(Dataset.Tweet, date);
        var next = date.AddDays(1);
        var nextFirstHour = new DateTimeOffset(next.Year, next.Month, next.Day, 0, 0, 0, TimeSpan.Zero);
        var showKeys = JobParameters.Key(LakeLayout.JobKey(runId, "show_keys.csv"));
        var reads = new List<string>();
        var sql = Header(runId);
        foreach (var source in PostSources.All)
        {
            var dayPrefix = LakeLayout.CanonicalPostDayPrefix(source, date);
            var nextHour = JobParameters.Key(LakeLayout.CanonicalPostHourKey(source, nextFirstHour));
            var literal = JobParameters.Source(source);
            if (inputKeys.Any(k => k.StartsWith(dayPrefix, StringComparison.Ordinal)))
            {
                var view = $"posts_{literal}_day";
                sql.Append(JsonView(view, PostSchema, JobParameters.Key(dayPrefix + "*/*.jsonl")));
                reads.Add($"SELECT id, date, '{literal}' AS source, text_key, hashtags FROM {view}");
            }

            if (inputKeys.Contains(nextHour))
            {
                var view = $"posts_{literal}_next_first_hour";
                sql.Append(JsonView(view, PostSchema, nextHour));
                reads.Add($"SELECT id, date, '{literal}' AS source, text_key, hashtags FROM {view}");
            }
        }

        if (reads.Count == 0)
        {
            reads.Add("SELECT CAST(NULL AS BIGINT) AS id, CAST(NULL AS DATE) AS date, CAST(NULL AS STRING) AS source, CAST(NULL AS STRING) AS text_key, CAST(NULL AS ARRAY<STRING>) AS hashtags WHERE 1 = 0");
        }

        sql.Append("CREATE TEMPORARY VIEW posts_src AS\n").Append(string.Join("\nUNION ALL\n", reads)).Append(";\n\n")
            .Append("CREATE TEMPORARY VIEW posts AS SELECT id, date, source FROM posts_src;\n")
            .Append("CREATE TEMPORARY VIEW post_hashtags AS SELECT id, date, source, explode(hashtags) AS hashtag FROM posts_src;\n")
            .Append("CREATE TEMPORARY VIEW post_words AS SELECT id, date, source, text_key, explode(split(text_key, ' ')) AS word FROM posts_src;\n")
            .Append("CREATE TEMPORARY VIEW show_keys (id BIGINT, key_kind STRING, key STRING, token STRING)\n")
            .Append($"USING csv OPTIONS (path '${{lake}}/{showKeys}', header 'true', quote '\"', escape '\"', mode 'FAILFAST');\n\n")
            .Append("CACHE TABLE post_stat AS\n").Append(SqlScripts.AsQuery(SqlScripts.Load(SqlScripts.PostStat))).Append(";\n\n")
            .Append(InsertPartition(staging, LakeLayout.PostStatTable, "SELECT * FROM post_stat"))
            .Append(InsertPartition(staging, LakeLayout.TweetStatTable, SqlScripts.Load(SqlScripts.TweetStat)));
        return sql.ToString();
    }

    /// <summary>The tmdb script: the tmdb_stat partition and the dimensions, all written to the run's staging folder.</summary>
    public static string TmdbStat(DateOnly date, string runId, int dateDimensionFirstYear)
    {
        var staging = new RunStaging(Dataset.Tmdb, date);
        var snapshot = JobParameters.Key(LakeLayout.RawTmdbDayKey(date));
        var sql = Header(runId)
            .Append(JsonView("tmdb_src_all", TmdbSchema, snapshot))
            .Append("CREATE TEMPORARY VIEW tmdb_src AS SELECT * FROM tmdb_src_all WHERE id IS NOT NULL;\n")
            .Append("CREATE TEMPORARY VIEW tmdb_snapshots AS SELECT id, query_datetime, number_of_seasons, number_of_episodes, vote_count, vote_average, popularity FROM tmdb_src;\n")
            .Append("CREATE TEMPORARY VIEW tmdb_shows AS SELECT id, query_datetime, name, original_name, original_language,\n")
            .Append("    CASE WHEN genres IS NULL THEN '[]' ELSE concat('[', array_join(transform(genres, g -> CAST(g.id AS STRING)), ', '), ']') END AS genres_id,\n")
            .Append("    CASE WHEN networks IS NULL THEN '[]' ELSE concat('[', array_join(transform(networks, n -> CAST(n.id AS STRING)), ', '), ']') END AS networks_id\n")
            .Append("FROM tmdb_src;\n")
            .Append("CREATE TEMPORARY VIEW tmdb_show_genres AS SELECT id, query_datetime, g.id AS genre_id, g.name AS genre_name FROM (SELECT id, query_datetime, explode(genres) AS g FROM tmdb_src) t;\n")
            .Append("CREATE TEMPORARY VIEW tmdb_show_networks AS SELECT id, query_datetime, n.id AS network_id, n.name AS network_name, n.origin_country FROM (SELECT id, query_datetime, explode(networks) AS n FROM tmdb_src) t;\n\n")
            .Append(InsertPartition(staging, LakeLayout.TmdbStatTable, SqlScripts.Load(SqlScripts.TmdbStat)))
            .Append(InsertDimension(staging, "tvshows", SqlScripts.Load(SqlScripts.DimTvShows)))
            .Append(InsertDimension(staging, "genres", SqlScripts.Load(SqlScripts.DimGenres)))
            .Append(InsertDimension(staging, "networks", SqlScripts.Load(SqlScripts.DimNetworks)));

        var first = new DateOnly(Math.Min(dateDimensionFirstYear, date.Year), 1, 1);
        var last = new DateOnly(date.Year, 12, 31);
        var calendar = string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT d AS date, weekday(d) + 1 AS weekday, dayofmonth(d) AS day, month(d) AS month, year(d) AS year\nFROM (SELECT explode(sequence(DATE '{first:yyyy-MM-dd}', DATE '{last:yyyy-MM-dd}', INTERVAL 1 DAY)) AS d) t");
        sql.Append(InsertDimension(staging, "date", calendar));
        return sql.ToString();
    }

    private static StringBuilder Header(string runId) => new StringBuilder()
        .Append("-- TrendingTv job ").Append(runId).Append(", generated by TrendingTv.SparkJobs.SparkBinding.\n")
        .Append("-- Run: spark-sql --conf ").Append(TimeZoneConf).Append(" -f <this file> --hivevar run_date=yyyy-MM-dd --hivevar lake=s3://bucket[/prefix]\n")
        .Append("-- Dates are UTC; the --conf sets it for the session, this SET repeats it for a run without it.\n")
        .Append("SET ").Append(TimeZoneConf).Append(";\n\n");

    private static string JsonView(string name, string schema, string key) =>
        $"CREATE TEMPORARY VIEW {name} ({schema})\nUSING json OPTIONS (path '${{lake}}/{key}', mode 'FAILFAST');\n\n";

    private static string InsertPartition(RunStaging staging, string table, string sharedSql)
    {
        var prefix = JobParameters.Key(staging.PartitionPrefixOf(table));
        return $"INSERT OVERWRITE DIRECTORY '${{lake}}/{prefix.TrimEnd('/')}'\nUSING parquet OPTIONS (compression 'snappy')\nSELECT /*+ COALESCE(1) */ * FROM (\n{SqlScripts.AsQuery(sharedSql)}\n) shared_result;\n\n";
    }

    private static string InsertDimension(RunStaging staging, string name, string query)
    {
        var prefix = JobParameters.Key(staging.DimensionPrefix(name));
        return $"INSERT OVERWRITE DIRECTORY '${{lake}}/{prefix.TrimEnd('/')}'\nUSING csv OPTIONS (header 'true', quote '\"', escape '\"')\nSELECT /*+ COALESCE(1) */ * FROM (\n{SqlScripts.AsQuery(query)}\n) shared_result;\n\n";
    }
}
