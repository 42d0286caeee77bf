using System.Globalization;
using System.Text;

namespace TrendingTv.SparkJobs.Local;

/// <summary>
/// The DuckDB side of each job: the statements that bind the shared transformation's input views
/// with explicit column types (never inferred) and write its result. Paths reach this class only
/// through <see cref="Jobs.JobParameters"/>, so quoting them in SQL literals is safe.
/// </summary>
/// <remarks>
/// References: DuckDB "Loading JSON" (<c>read_json</c> with <c>columns</c> turns auto-detection
/// off and ignores keys that are not listed), "CSV Import" (<c>read_csv</c> with <c>columns</c>,
/// <c>auto_detect = false</c>), "Parquet Export" (<c>COPY … (FORMAT parquet)</c>).
/// </remarks>
internal static class DuckDbBinding
{
    /// <summary>The canonical posts' columns the jobs read; the others (created_at, lang, text, format) stay unread.</summary>
    public const string PostColumns = "{id: 'BIGINT', date: 'DATE', text_key: 'VARCHAR', hashtags: 'VARCHAR[]'}";

    public const string TmdbColumns =
        "{id: 'BIGINT', query_datetime: 'VARCHAR', name: 'VARCHAR', original_name: 'VARCHAR', original_language: 'VARCHAR', " +
        "number_of_seasons: 'BIGINT', number_of_episodes: 'BIGINT', vote_count: 'BIGINT', vote_average: 'DOUBLE', popularity: 'DOUBLE', " +
        "genres: 'STRUCT(id INTEGER, name VARCHAR)[]', networks: 'STRUCT(id INTEGER, name VARCHAR, origin_country VARCHAR)[]'}";

    /// <summary>
    /// Binds <c>posts</c>, <c>post_hashtags</c>, <c>post_words</c> and <c>show_keys</c> (see sql/post_stat.sql).
    /// Each file's posts get the source of the lake prefix it was read from.
    /// </summary>
    public static IEnumerable<string> BindPostInputs(IReadOnlyList<(string Source, string File)> postFiles, string showKeysFile)
    {
        ArgumentNullException.ThrowIfNull(postFiles);
        // One JSON parse per source: the views below read the same posts.
        var reads = postFiles
            .GroupBy(f => f.Source, StringComparer.Ordinal)
            .Select(g =>
                $"SELECT id, date, CAST('{Jobs.JobParameters.Source(g.Key)}' AS VARCHAR) AS source, text_key, hashtags " +
                $"FROM read_json({FileList([.. g.Select(f => f.File)])}, format = 'newline_delimited', columns = {PostColumns})")
            .ToList();
        yield return reads.Count == 0
            ? "CREATE TEMP TABLE posts_src (id BIGINT, date DATE, source VARCHAR, text_key VARCHAR, hashtags VARCHAR[])"
            : $"CREATE TEMP TABLE posts_src AS {string.Join(" UNION ALL ", reads)}";
        yield return "CREATE TEMP VIEW posts AS SELECT id, date, source FROM posts_src";
        // Unnesting is engine-bound (Spark: explode), so it stays out of the shared text.
        yield return "CREATE TEMP VIEW post_hashtags AS SELECT id, date, source, unnest(hashtags) AS hashtag FROM posts_src";
        yield return "CREATE TEMP VIEW post_words AS SELECT id, date, source, text_key, unnest(string_split(text_key, ' ')) AS word FROM posts_src";
        yield return
            $"CREATE TEMP TABLE show_keys AS SELECT * FROM read_csv({Quote(showKeysFile)}, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', " +
            "columns = {id: 'BIGINT', key_kind: 'VARCHAR', key: 'VARCHAR', token: 'VARCHAR'})";
    }

    /// <summary>Keeps the shared post_stat result as the table <c>post_stat</c>, the input of sql/tweet_stat.sql.</summary>
    public static string KeepPostStat(string postStatQuery) => $"CREATE TEMP TABLE post_stat AS {postStatQuery}";

    /// <summary>Binds <c>tmdb_snapshots</c>, <c>tmdb_shows</c>, <c>tmdb_show_genres</c> and <c>tmdb_show_networks</c>.</summary>
    public static IEnumerable<string> BindTmdbInputs(IReadOnlyList<string> snapshotFiles)
    {
        yield return snapshotFiles.Count == 0
            ? "CREATE TEMP TABLE tmdb_src (id BIGINT, query_datetime VARCHAR, name VARCHAR, original_name VARCHAR, original_language VARCHAR, " +
              "number_of_seasons BIGINT, number_of_episodes BIGINT, vote_count BIGINT, vote_average DOUBLE, popularity DOUBLE, " +
              "genres STRUCT(id INTEGER, name VARCHAR)[], networks STRUCT(id INTEGER, name VARCHAR, origin_country VARCHAR)[])"
            : $"CREATE TEMP TABLE tmdb_src AS SELECT * FROM read_json({FileList(snapshotFiles)}, format = 'newline_delimited', columns = {TmdbColumns}) WHERE id IS NOT NULL";
        yield return "CREATE TEMP VIEW tmdb_snapshots AS SELECT id, query_datetime, number_of_seasons, number_of_episodes, vote_count, vote_average, popularity FROM tmdb_src";
        // '[18, 10765]' is DuckDB's text form of an INTEGER[]; Spark formats it with array_join.
        yield return
            "CREATE TEMP VIEW tmdb_shows AS SELECT id, query_datetime, name, original_name, original_language, " +
            "CAST(list_transform(coalesce(genres, []), lambda g: g.id) AS VARCHAR) AS genres_id, " +
            "CAST(list_transform(coalesce(networks, []), lambda n: n.id) AS VARCHAR) AS networks_id FROM tmdb_src";
        yield return "CREATE TEMP VIEW tmdb_show_genres AS SELECT id, query_datetime, g.id AS genre_id, g.name AS genre_name FROM (SELECT id, query_datetime, unnest(genres) AS g FROM tmdb_src)";
        yield return "CREATE TEMP VIEW tmdb_show_networks AS SELECT id, query_datetime, n.id AS network_id, n.name AS network_name, n.origin_country FROM (SELECT id, query_datetime, unnest(networks) AS n FROM tmdb_src)";
    }

    /// <summary>Writes a query's rows, ordered by <paramref name="orderBy"/>, as one snappy Parquet file.</summary>
    public static string CopyToParquet(string query, string orderBy, string file) =>
        $"COPY (SELECT * FROM ({query}) ORDER BY {orderBy}) TO {Quote(file)} (FORMAT parquet, COMPRESSION snappy)";

    /// <summary>Writes a query's rows as CSV with a header (lists already text; fields with commas quoted).</summary>
    public static string CopyToCsv(string query, string orderBy, string file) =>
        $"COPY (SELECT * FROM ({query}) ORDER BY {orderBy}) TO {Quote(file)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"')";

    /// <summary>The <c>date</c> dimension: every day from <paramref name="first"/> to <paramref name="last"/>; weekday 1 = Monday (ISO).</summary>
    public static string DateDimensionQuery(DateOnly first, DateOnly last) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT CAST(d AS DATE) AS date, CAST(isodow(d) AS INTEGER) AS weekday, CAST(day(d) AS INTEGER) AS day, CAST(month(d) AS INTEGER) AS month, CAST(year(d) AS INTEGER) AS year FROM generate_series(DATE '{first:yyyy-MM-dd}', DATE '{last:yyyy-MM-dd}', INTERVAL 1 DAY) AS t(d)");

    public static string Quote(string path) => "'" + Jobs.JobParameters.SqlPath(path) + "'";

    private static string FileList(IReadOnlyList<string> files)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < files.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(Quote(files[i]));
        }

        return builder.Append(']').ToString();
    }
}
