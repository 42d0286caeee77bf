using TrendingTv.SparkJobs.Jobs;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>The shared transformations (SparkJobs/sql/*.sql) stay inside the portable SQL subset (docs/architecture.md).</summary>
public sealed class PortableSqlTests
{
    /// <summary>The names the shared text may use: bound input views and their columns, CTEs and aliases.</summary>
    private static readonly HashSet<string> Vocabulary = new(StringComparer.Ordinal)
    {
        // Bound inputs and their columns.
        "posts", "post_hashtags", "post_words", "show_keys", "post_stat", "source", "tmdb_snapshots", "tmdb_shows", "tmdb_show_genres", "tmdb_show_networks",
        "id", "date", "text_key", "hashtag", "word", "key_kind", "key", "token", "query_datetime",
        "number_of_seasons", "number_of_episodes", "vote_count", "vote_average", "popularity",
        "name", "original_name", "original_language", "genres_id", "networks_id",
        "genre_id", "genre_name", "network_id", "network_name", "origin_country",
        // CTEs, output columns and aliases.
        "text_candidates", "text_hits", "hashtag_hits", "hits", "show_counts", "shows", "ranked", "latest_genres",
        "latest_networks", "named", "post_id", "show_id", "show_key", "by_hashtag", "by_text", "hashtag_count", "text_count",
        "tweet_count", "post_count", "sources", "source_sums", "o", "snapshot_rank", "name_rank", "w", "k", "c", "p", "h", "s", "g", "r", "n",
    };

    public static TheoryData<string> SharedScripts() => new(SqlScripts.All);

    [Theory]
    [MemberData(nameof(SharedScripts))]
    public void Shared_transformation_uses_only_the_portable_subset(string file)
    {
        var sql = SqlScripts.Load(file);

        Assert.Empty(PortableSql.Violations(sql, Vocabulary));
    }

    [Fact]
    public void Every_sql_file_of_the_project_is_a_checked_shared_transformation()
    {
        var embedded = typeof(SqlScripts).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("TrendingTv.SparkJobs.sql.", StringComparison.Ordinal))
            .Select(n => n["TrendingTv.SparkJobs.sql.".Length..])
            .Order(StringComparer.Ordinal);

        Assert.Equal(SqlScripts.All.Order(StringComparer.Ordinal), embedded);
    }

    [Theory]
    [InlineData("SELECT list_contains(hashtags, 'x') FROM posts", "function 'list_contains'")]
    [InlineData("SELECT explode(hashtags) AS hashtag FROM posts", "function 'explode'")]
    [InlineData("SELECT id::BIGINT FROM posts", "'::'")]
    [InlineData("SELECT name || 'x' FROM tmdb_shows", "'||'")]
    [InlineData("SELECT \"name\" FROM tmdb_shows", "'\"'")]
    [InlineData("SELECT id FROM posts QUALIFY row_number() OVER (PARTITION BY id ORDER BY date) = 1", "'QUALIFY'")]
    [InlineData("SELECT id FROM posts WHERE text_key LIKE '%x%'", "'LIKE'")]
    [InlineData("SELECT hashtags[1] FROM posts", "'['")]
    [InlineData("SELECT 'it''s' AS name FROM posts", "escaped quote")]
    [InlineData("SELECT id FROM posts; DROP TABLE posts", "';'")]
    public void Checker_reports_engine_specific_functions_and_syntax(string sql, string expected)
    {
        var violations = PortableSql.Violations(sql, Vocabulary);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_accepts_the_portable_constructs()
    {
        const string Sql = """
            WITH hits AS (
                SELECT p.id, count(DISTINCT CASE WHEN instr(lower(p.text_key), ' x ') > 0 THEN p.id END) AS text_count
                FROM posts p LEFT JOIN show_keys k ON k.key = p.text_key
                WHERE p.date = CAST('${run_date}' AS DATE) AND k.key IS NOT NULL
                GROUP BY p.id
                UNION ALL
                SELECT id, coalesce(sum(1), 0) AS text_count FROM posts GROUP BY id
            )
            SELECT id, row_number() OVER (PARTITION BY id ORDER BY text_count DESC) AS snapshot_rank FROM hits
            """;

        Assert.Empty(PortableSql.Violations(Sql, Vocabulary));
    }
}
