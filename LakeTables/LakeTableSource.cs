namespace TrendingTv.LakeTables;

/// <summary>
/// How each analytics table is read: its typed columns and the SELECT that turns one file (or a list
/// of files) into them. Fact tables are Parquet partitions; dimensions are CSV files.
/// </summary>
internal sealed record LakeTableSource(string Name, string Columns, Func<string, string> Select, bool IsParquet)
{
    private const string CsvOptions = "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"'";

    /// <summary>The seven tables, in data-dictionary order.</summary>
    public static IReadOnlyList<LakeTableSource> All { get; } =
    [
        // union_by_name: files written by Spark (id VARCHAR, other column order) and by this engine (id BIGINT)
        // read as one; hive_partitioning off because date is a column of every file.
        new("tweet_stat", "id BIGINT, date DATE, hashtag_count BIGINT, text_count BIGINT, tweet_count BIGINT",
            files => "SELECT CAST(id AS BIGINT), CAST(date AS DATE), CAST(hashtag_count AS BIGINT), CAST(text_count AS BIGINT), CAST(tweet_count AS BIGINT) " +
                     $"FROM read_parquet({files}, union_by_name = true, hive_partitioning = false)",
            IsParquet: true),
        // Written beside tweet_stat by the same job; lakes from before it have none, and the table is then empty.
        new("post_stat", "id BIGINT, date DATE, source VARCHAR, hashtag_count BIGINT, text_count BIGINT, post_count BIGINT",
            files => "SELECT CAST(id AS BIGINT), CAST(date AS DATE), CAST(source AS VARCHAR), CAST(hashtag_count AS BIGINT), CAST(text_count AS BIGINT), CAST(post_count AS BIGINT) " +
                     $"FROM read_parquet({files}, union_by_name = true, hive_partitioning = false)",
            IsParquet: true),
        new("tmdb_stat", "id BIGINT, date DATE, number_of_seasons BIGINT, number_of_episodes BIGINT, vote_count BIGINT, vote_average DOUBLE, popularity DOUBLE",
            files => "SELECT CAST(id AS BIGINT), CAST(date AS DATE), CAST(number_of_seasons AS BIGINT), CAST(number_of_episodes AS BIGINT), " +
                     "CAST(vote_count AS BIGINT), CAST(vote_average AS DOUBLE), CAST(popularity AS DOUBLE) " +
                     $"FROM read_parquet({files}, union_by_name = true, hive_partitioning = false)",
            IsParquet: true),
        new("tvshows", "id BIGINT, name VARCHAR, original_name VARCHAR, original_language VARCHAR, genres_id INTEGER[], networks_id INTEGER[]",
            file => "SELECT id, name, original_name, original_language, " +
                    "CASE WHEN trim(coalesce(genres_id, '')) = '' THEN CAST([] AS INTEGER[]) ELSE CAST(genres_id AS INTEGER[]) END, " +
                    "CASE WHEN trim(coalesce(networks_id, '')) = '' THEN CAST([] AS INTEGER[]) ELSE CAST(networks_id AS INTEGER[]) END " +
                    $"FROM read_csv({file}, {CsvOptions}, columns = {{id: 'BIGINT', name: 'VARCHAR', original_name: 'VARCHAR', original_language: 'VARCHAR', genres_id: 'VARCHAR', networks_id: 'VARCHAR'}})",
            IsParquet: false),
        new("genres", "id INTEGER, name VARCHAR",
            file => $"SELECT id, name FROM read_csv({file}, {CsvOptions}, columns = {{id: 'INTEGER', name: 'VARCHAR'}})",
            IsParquet: false),
        new("networks", "id INTEGER, name VARCHAR, origin_country VARCHAR",
            file => $"SELECT id, name, coalesce(origin_country, '') FROM read_csv({file}, {CsvOptions}, columns = {{id: 'INTEGER', name: 'VARCHAR', origin_country: 'VARCHAR'}})",
            IsParquet: false),
        new("date", "date DATE, weekday INTEGER, day INTEGER, month INTEGER, year INTEGER",
            file => $"SELECT date, weekday, day, month, year FROM read_csv({file}, {CsvOptions}, columns = {{date: 'DATE', weekday: 'INTEGER', day: 'INTEGER', month: 'INTEGER', year: 'INTEGER'}})",
            IsParquet: false),
    ];
}
