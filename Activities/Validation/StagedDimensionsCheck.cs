using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Validation;

/// <summary>
/// The tmdb run's staged dimensions are well formed before they replace <c>dims/*.csv</c>: each is one
/// CSV part file with the data dictionary's header; ids are whole numbers, unique; <c>tvshows</c> has a
/// row for every show of the staged <c>tmdb_stat</c> and its <c>genres_id</c>/<c>networks_id</c> read as
/// lists (<c>[18, 10765]</c>); the <c>date</c> calendar has unique dates, weekdays 1 (Monday) to 7 that match
/// them, and holds the run's date.
/// </summary>
internal sealed partial class StagedDimensionsCheck(IObjectStore lake)
{
    private static readonly Dictionary<string, string[]> Headers = new(StringComparer.Ordinal)
    {
        ["tvshows"] = ["id", "name", "original_name", "original_language", "genres_id", "networks_id"],
        ["genres"] = ["id", "name"],
        ["networks"] = ["id", "name", "origin_country"],
        ["date"] = ["date", "weekday", "day", "month", "year"],
    };

    /// <summary>Every problem of the staged dimensions; <paramref name="factIds"/> are the staged tmdb_stat ids (null when the partition is missing).</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(RunStaging staging, IReadOnlyCollection<long>? factIds, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var name in staging.Dimensions)
        {
            var prefix = staging.DimensionPrefix(name);
            var folder = lake.Root.UriOf(prefix.TrimEnd('/')) + "/";
            var parts = await RunStaging.ListPartFilesAsync(lake, prefix, ".csv", cancellationToken);
            if (parts.Count != 1)
            {
                problems.Add($"The staged {name} dimension {folder} must be one CSV part file; found {parts.Count}.");
                continue;
            }

            var file = lake.Root.UriOf(parts[0].Key);
            var rows = await ReadAsync(parts[0].Key, cancellationToken);
            if (!rows.Header.SequenceEqual(Headers[name], StringComparer.Ordinal))
            {
                problems.Add($"{file} has the header '{string.Join(",", rows.Header)}'; expected '{string.Join(",", Headers[name])}'.");
                continue;
            }

            var where = $"{name} ({file})";
            ProcessedDataValidator.Report(problems, $"rows of {where} without {Headers[name].Length} fields", rows.Records.Where(r => r.Fields.Length != Headers[name].Length).Select(r => $"line {r.Line}"));
            var complete = rows.Records.Where(r => r.Fields.Length == Headers[name].Length).ToList();
            if (name == "date")
            {
                CheckCalendar(complete, staging.Date, where, problems);
            }
            else
            {
                CheckIds(complete, where, problems);
            }

            if (name == "tvshows")
            {
                CheckShows(complete, factIds, where, problems);
            }
        }

        return problems;
    }

    private static void CheckIds(List<CsvRecord> rows, string where, List<string> problems)
    {
        ProcessedDataValidator.Report(problems, $"rows of {where} without a whole-number id", rows.Where(r => Id(r) is null).Select(r => $"line {r.Line} ('{r.Fields[0]}')"));
        ProcessedDataValidator.Report(
            problems,
            $"duplicate ids in {where}",
            rows.Select(Id).OfType<long>().GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({g.Count()} rows)"));
    }

    private static void CheckShows(List<CsvRecord> rows, IReadOnlyCollection<long>? factIds, string where, List<string> problems)
    {
        if (rows.Count == 0)
        {
            problems.Add($"The staged {where} has no rows.");
        }

        ProcessedDataValidator.Report(
            problems,
            $"rows of {where} whose genres_id or networks_id is not a list such as [18, 10765]",
            rows.Where(r => !IdList().IsMatch(r.Fields[4]) || !IdList().IsMatch(r.Fields[5])).Select(r => $"line {r.Line} ('{r.Fields[4]}', '{r.Fields[5]}')"));
        if (factIds is not null)
        {
            var shows = rows.Select(Id).OfType<long>().ToHashSet();
            ProcessedDataValidator.Report(
                problems,
                $"tmdb_stat ids without a row in {where}",
                factIds.Distinct().Where(id => !shows.Contains(id)).Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void CheckCalendar(List<CsvRecord> rows, DateOnly runDate, string where, List<string> problems)
    {
        var dates = new List<DateOnly>(rows.Count);
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            if (!DateOnly.TryParseExact(row.Fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                wrong.Add($"line {row.Line} ('{row.Fields[0]}' is not a date)");
                continue;
            }

            dates.Add(date);
            var isoWeekday = ((int)date.DayOfWeek + 6) % 7 + 1;
            if (Int(row.Fields[1]) != isoWeekday || Int(row.Fields[2]) != date.Day || Int(row.Fields[3]) != date.Month || Int(row.Fields[4]) != date.Year)
            {
                wrong.Add($"line {row.Line} ({string.Join(",", row.Fields)})");
            }
        }

        ProcessedDataValidator.Report(problems, $"rows of {where} that do not describe their date (weekday 1 = Monday)", wrong);
        ProcessedDataValidator.Report(problems, $"duplicate dates in {where}", dates.GroupBy(d => d).Where(g => g.Count() > 1).Select(g => $"{g.Key:yyyy-MM-dd} ({g.Count()} rows)"));
        if (!dates.Contains(runDate))
        {
            problems.Add($"The staged {where} does not hold the run's date {runDate:yyyy-MM-dd}.");
        }
    }

    private async Task<CsvRows> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var text = await lake.ReadTextAsync(key, cancellationToken);
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true, BadDataFound = null });
        string[] header = parser.Read() ? parser.Record ?? [] : [];
        var records = new List<CsvRecord>();
        while (parser.Read())
        {
            records.Add(new CsvRecord(parser.RawRow, parser.Record ?? []));
        }

        return new CsvRows(header, records);
    }

    private static long? Id(CsvRecord row) =>
        long.TryParse(row.Fields[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static int? Int(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"^\[(-?\d+(, -?\d+)*)?\]$")]
    private static partial Regex IdList();

    private sealed record CsvRows(string[] Header, List<CsvRecord> Records);

    private sealed record CsvRecord(int Line, string[] Fields);
}
