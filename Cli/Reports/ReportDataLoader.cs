using System.Globalization;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.LakeTables;

namespace TrendingTv.Cli.Reports;

/// <summary>
/// Reads a <see cref="ReportInput"/> for a date range (plus the baseline days before it) from a
/// <see cref="LakeDatabase"/>. Skipped files and dates without counts are reported through a warning
/// callback; a range with no data at all is an error naming the lake and the dates it does have.
/// </summary>
public static class ReportDataLoader
{
    private const int DatesListed = 10;

    public static Task<ReportInput> LoadAsync(LakeDatabase tables, DateOnly from, DateOnly to, int baselineDays, CancellationToken cancellationToken = default) =>
        LoadAsync(tables, from, to, baselineDays, _ => { }, cancellationToken);

    /// <exception cref="LakeReadException">Neither tweet_stat nor tmdb_stat has a row in the range.</exception>
    public static async Task<ReportInput> LoadAsync(LakeDatabase tables, DateOnly from, DateOnly to, int baselineDays, Action<string> warn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(warn);
        // Day numbers keep the baseline inside DateOnly's range (a report of 0001-01-01 has no earlier days).
        var first = DateOnly.FromDayNumber(Math.Max(0, from.DayNumber - baselineDays));
        var start = Literal(first);
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
        // Empty for lakes written before post_stat existed (LakeDatabase gives them the table without rows).
        var bySource = await LakeQuery.RunAsync(tables.Connection,
            $"""
            SELECT id, CAST(date AS VARCHAR) AS date, source, CAST(sum(post_count) AS BIGINT) AS post_count
            FROM post_stat WHERE date BETWEEN {start} AND {end} AND source IS NOT NULL
            GROUP BY id, date, source ORDER BY date, id, source
            """,
            cancellationToken);
        var names = await LakeQuery.RunAsync(tables.Connection, "SELECT id, name FROM tvshows WHERE id IS NOT NULL AND name IS NOT NULL", cancellationToken);

        var input = new ReportInput(
            counts.Rows.Select(r => new DailyShowCount(Long(r[0]), Date(r[1]), Long(r[2]), Long(r[3]), Long(r[4]))).ToArray(),
            popularity.Rows.Select(r => new DailyPopularity(Long(r[0]), Date(r[1]), Convert.ToDouble(r[2], CultureInfo.InvariantCulture))).ToArray(),
            Names(names))
        {
            SourceCounts = bySource.Rows.Select(r => new DailySourceCount(Long(r[0]), Date(r[1]), (string)r[2]!, Long(r[3]))).ToArray(),
        };
        await CheckCoverageAsync(tables, input, first, from, to, warn, cancellationToken);
        return input;
    }

    private static Dictionary<long, string> Names(QueryResult names)
    {
        var nameById = new Dictionary<long, string>();
        foreach (var show in ShowCatalogue.LoadDefault().Shows)
        {
            nameById[show.Id] = show.Name;
        }

        foreach (var row in names.Rows)
        {
            nameById[Convert.ToInt64(row[0], CultureInfo.InvariantCulture)] = (string)row[1]!;
        }

        return nameById;
    }

    /// <summary>Warns of skipped files that matter to the range and of dates without counts; fails when the range has no data.</summary>
    private static async Task CheckCoverageAsync(LakeDatabase tables, ReportInput input, DateOnly first, DateOnly from, DateOnly to, Action<string> warn, CancellationToken cancellationToken)
    {
        foreach (var skipped in tables.SkippedFiles.Where(f => f.PartitionDate is not { } d || (d >= first && d <= to)))
        {
            var date = skipped.PartitionDate is { } d ? $" ({LakeLayout.Iso(d)})" : string.Empty;
            warn($"skipped {skipped.Key}{date}, it cannot be read: {skipped.Reason}");
        }

        var inRange = input.Counts.Where(c => c.Date >= from && c.Date <= to).Select(c => c.Date).ToHashSet();
        if (inRange.Count == 0 && !input.Popularity.Any(p => p.Date >= from && p.Date <= to))
        {
            var covered = await LakeQuery.RunAsync(
                tables.Connection,
                "SELECT CAST(min(date) AS VARCHAR), CAST(max(date) AS VARCHAR), count(DISTINCT date) FROM (SELECT date FROM tweet_stat UNION ALL SELECT date FROM tmdb_stat)",
                cancellationToken);
            var row = covered.Rows[0];
            var has = row[0] is null ? "it has no tweet_stat or tmdb_stat rows at all" : $"it has {row[2]} date(s) from {row[0]} to {row[1]}";
            throw new LakeReadException($"The lake {Describe(tables)} has no data from {LakeLayout.Iso(from)} to {LakeLayout.Iso(to)}: {has}.");
        }

        var missing = Enumerable.Range(from.DayNumber, to.DayNumber - from.DayNumber + 1)
            .Select(DateOnly.FromDayNumber)
            .Where(d => !inRange.Contains(d))
            .ToArray();
        if (missing.Length > 0)
        {
            var listed = string.Join(", ", missing.Take(DatesListed).Select(LakeLayout.Iso)) + (missing.Length > DatesListed ? ", …" : string.Empty);
            warn(string.Create(CultureInfo.InvariantCulture, $"tweet_stat has no rows for {missing.Length} of the {to.DayNumber - from.DayNumber + 1} dates: {listed}."));
        }
    }

    private static string Describe(LakeDatabase tables) => tables.Lake.IsLocal ? tables.Lake.LocalPath! : tables.Lake.ToString();

    private static string Literal(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    private static long Long(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static DateOnly Date(object? value) => DateOnly.ParseExact((string)value!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
