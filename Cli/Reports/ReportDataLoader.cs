using System.Globalization;
using TrendingTv.Cli.Lake;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.SparkJobs;

namespace TrendingTv.Cli.Reports;

/// <summary>Reads a <see cref="ReportInput"/> for a date range (plus the baseline days before it) from SparkJobs' <see cref="LakeTables"/> views.</summary>
public static class ReportDataLoader
{
    public static async Task<ReportInput> LoadAsync(LakeTables tables, DateOnly from, DateOnly to, int baselineDays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = Literal(from.AddDays(-baselineDays));
        var end = Literal(to);
        var counts = await LakeQuery.RunAsync(tables.Connection,
            $"""
            SELECT id, CAST(date AS VARCHAR) AS date, CAST(sum(hashtag_count) AS BIGINT) AS hashtag_count, CAST(sum(text_count) AS BIGINT) AS text_count, CAST(sum(tweet_count) AS BIGINT) AS tweet_count
            FROM tweet_stat WHERE date BETWEEN {start} AND {end}
            GROUP BY id, date ORDER BY date, id
            """,
            cancellationToken);
        var popularity = await LakeQuery.RunAsync(tables.Connection,
            $"""
            SELECT id, CAST(date AS VARCHAR) AS date, max(popularity) AS popularity
            FROM tmdb_stat WHERE date BETWEEN {start} AND {end} AND popularity IS NOT NULL
            GROUP BY id, date ORDER BY date, id
            """,
            cancellationToken);
        var names = await LakeQuery.RunAsync(tables.Connection, "SELECT id, name FROM tvshows WHERE id IS NOT NULL AND name IS NOT NULL", cancellationToken);

        var nameById = new Dictionary<long, string>();
        foreach (var show in ShowCatalogue.LoadDefault().Shows)
        {
            nameById[show.Id] = show.Name;
        }

        foreach (var row in names.Rows)
        {
            nameById[Convert.ToInt64(row[0], CultureInfo.InvariantCulture)] = (string)row[1]!;
        }

        return new ReportInput(
            counts.Rows.Select(r => new DailyShowCount(Long(r[0]), Date(r[1]), Long(r[2]), Long(r[3]), Long(r[4]))).ToArray(),
            popularity.Rows.Select(r => new DailyPopularity(Long(r[0]), Date(r[1]), Convert.ToDouble(r[2], CultureInfo.InvariantCulture))).ToArray(),
            nameById);
    }

    private static string Literal(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    private static long Long(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static DateOnly Date(object? value) => DateOnly.ParseExact((string)value!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
