using System.Text.RegularExpressions;

namespace TrendingTv.SparkJobs.Jobs;

/// <summary>
/// The shared transformations embedded from <c>sql/*.sql</c> (resource names
/// <c>TrendingTv.SparkJobs.sql.{file}</c>) and the one substitution the local engine makes:
/// <c>${var}</c> by validated values, as <c>spark-sql --hivevar</c> does on EMR.
/// </summary>
internal static partial class SqlScripts
{
    public const string TweetStat = "tweet_stat.sql";
    public const string PostStat = "post_stat.sql";
    public const string TmdbStat = "tmdb_stat.sql";
    public const string DimTvShows = "dim_tvshows.sql";
    public const string DimGenres = "dim_genres.sql";
    public const string DimNetworks = "dim_networks.sql";

    /// <summary>Every shared transformation, by file name.</summary>
    public static IReadOnlyList<string> All { get; } = [PostStat, TweetStat, TmdbStat, DimTvShows, DimGenres, DimNetworks];

    public static string Load(string fileName)
    {
        var resource = "TrendingTv.SparkJobs.sql." + fileName;
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The SQL script '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Replaces each <c>${name}</c> by its value. Values must already be validated
    /// (<see cref="JobParameters"/>); an unknown variable is an error, not an empty string.
    /// </summary>
    public static string Substitute(string sql, IReadOnlyDictionary<string, string> variables)
    {
        return VariablePattern().Replace(sql, match =>
        {
            var name = match.Groups["name"].Value;
            return variables.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException($"The SQL uses ${{{name}}}, which this job does not set.");
        });
    }

    /// <summary>The statement text without its trailing semicolon and comments-only lines, for embedding as a subquery.</summary>
    public static string AsQuery(string sql)
    {
        var lines = sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
        return string.Join('\n', lines).Trim().TrimEnd(';').Trim();
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex VariablePattern();
}
