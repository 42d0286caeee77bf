using System.Globalization;
using Microsoft.Extensions.Logging;
using Parquet.Serialization;
using TrendingTv.Activities.Dag;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Validation;

/// <summary>
/// Checks a run's staged outputs (<see cref="RunStaging"/>, <c>jobs/{runId}/out/</c>) before they are
/// published. Reads every Parquet file of the staged fact partition: the partition exists and has rows;
/// every row carries the run's date; <c>tweet_stat</c> has exactly one row per tracked show (catalogue
/// from the lake, else the default one), non-negative counts and
/// <c>max(hashtag_count, text_count) ≤ tweet_count ≤ hashtag_count + text_count</c>, and its <c>post_stat</c>
/// partition is staged too and agrees with it (<see cref="StagedPostStatCheck"/>); <c>tmdb_stat</c> has
/// non-negative measures and no duplicate id, and its four staged dimensions are well formed
/// (<see cref="StagedDimensionsCheck"/>). Accepts Spark's output too (the original pipeline's
/// <c>tweet_stat.id</c> is a string).
/// </summary>
public sealed partial class ProcessedDataValidator(IObjectStore lake, ILogger<ProcessedDataValidator> logger) : IProcessedDataValidator
{
    /// <summary>Examples quoted per problem.</summary>
    private const int MaxExamples = 5;

    private static readonly string[] TweetColumns = ["id", "date", "hashtag_count", "text_count", "tweet_count"];
    private static readonly string[] PostColumns = ["id", "date", "source", "hashtag_count", "text_count", "post_count"];
    private static readonly string[] TmdbColumns = ["id", "date", "number_of_seasons", "number_of_episodes", "vote_count", "vote_average", "popularity"];

    public async Task<ProcessedDataReport> ValidateAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        var staging = new RunStaging(dataset, date);
        var partition = lake.Root.UriOf(staging.PartitionPrefix.TrimEnd('/')) + "/";
        var problems = new List<string>();
        var files = await RunStaging.ListPartFilesAsync(lake, staging.PartitionPrefix, ".parquet", cancellationToken);
        if (files.Count == 0)
        {
            problems.Add($"The staged partition {partition} is missing: no Parquet file under it.");
            problems.AddRange(await new StagedDimensionsCheck(lake).CheckAsync(staging, null, cancellationToken));
            return new ProcessedDataReport(partition, 0, problems);
        }

        var columns = dataset == Dataset.Tweet ? TweetColumns : TmdbColumns;
        var rows = await ReadRowsAsync(files, columns, problems, cancellationToken);

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add($"The staged partition {partition} is empty: its {files.Count} Parquet file(s) hold no rows.");
        }

        CheckDates(rows, date, problems);
        if (dataset == Dataset.Tweet)
        {
            CheckTweetCounts(rows, "tweet_count", problems);
            var catalogue = await ShowCatalogue.LoadInEffectAsync(lake, logger, cancellationToken);
            CheckOneRowPerShow(rows, catalogue, problems);
            await CheckPostStatAsync(staging, rows, catalogue, problems, cancellationToken);
        }
        else
        {
            CheckTmdbMeasures(rows, problems);
            Report(problems, "duplicate ids", rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({g.Count()} rows)"));
            problems.AddRange(await new StagedDimensionsCheck(lake).CheckAsync(staging, [.. rows.Select(r => r.Id)], cancellationToken));
        }

        LogChecked(logger, partition, rows.Count, problems.Count);
        return new ProcessedDataReport(partition, rows.Count, problems);
    }

    /// <summary>The staged post_stat partition: present (it may be empty: no post that date), and what <see cref="StagedPostStatCheck"/> asks.</summary>
    private async Task CheckPostStatAsync(RunStaging staging, List<FactRow> tweetRows, ShowCatalogue catalogue, List<string> problems, CancellationToken cancellationToken)
    {
        var prefix = staging.PartitionPrefixOf(LakeLayout.PostStatTable);
        var files = await RunStaging.ListPartFilesAsync(lake, prefix, ".parquet", cancellationToken);
        if (files.Count == 0)
        {
            problems.Add($"The staged partition {lake.Root.UriOf(prefix.TrimEnd('/'))}/ is missing: no Parquet file under it.");
            return;
        }

        var rows = await ReadRowsAsync(files, PostColumns, problems, cancellationToken);
        var where = $"{LakeLayout.PostStatTable} ";
        Report(problems, where + $"rows whose date is not the partition's {LakeLayout.Iso(staging.Date)}", rows.Where(r => r.Date != staging.Date).Select(r => $"id {r.Id} ({r.Source}) dated {LakeLayout.Iso(r.Date)}"));
        CheckTweetCounts(rows, "post_count", problems, where);
        StagedPostStatCheck.Check(
            rows.Select(r => new StagedPostStatCheck.Row(r.Id, r.Source, Count(r, "hashtag_count"), Count(r, "text_count"), Count(r, "post_count"))).ToList(),
            // Grouped: a show with two tweet_stat rows is already a problem; its sums are compared all the same.
            tweetRows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => (g.Sum(r => Count(r, "hashtag_count")), g.Sum(r => Count(r, "text_count")), g.Sum(r => Count(r, "tweet_count")))),
            catalogue,
            problems);

        static long Count(FactRow row, string column) => (long)(row.Measures.GetValueOrDefault(column) ?? 0);
    }

    private async Task<List<FactRow>> ReadRowsAsync(IReadOnlyList<ObjectInfo> files, string[] columns, List<string> problems, CancellationToken cancellationToken)
    {
        var rows = new List<FactRow>();
        foreach (var file in files)
        {
            rows.AddRange(await ReadFileAsync(file.Key, columns, problems, cancellationToken));
        }

        return rows;
    }

    private async Task<List<FactRow>> ReadFileAsync(string key, string[] expectedColumns, List<string> problems, CancellationToken cancellationToken)
    {
        var file = lake.Root.UriOf(key);
        var result = await DeserializeAsync(key, file, problems, cancellationToken);
        if (result is null || !HasColumns(result, expectedColumns, file, problems))
        {
            return [];
        }

        var rows = new List<FactRow>(result.Data.Count);
        var unreadable = new List<string>();
        for (var i = 0; i < result.Data.Count; i++)
        {
            var values = result.Data[i];
            if (ToFactRow(values, expectedColumns, $"{Path.GetFileName(key)} row {i + 1}") is { } row)
            {
                rows.Add(row);
            }
            else
            {
                unreadable.Add($"row {i + 1} (id '{values.GetValueOrDefault("id")}', date '{values.GetValueOrDefault("date")}')");
            }
        }

        Report(problems, $"rows of {file} without a whole-number id or a date", unreadable);
        return rows;
    }

    /// <summary>The file's rows, or null (with a problem noted) when it is not readable Parquet.</summary>
    private async Task<DeserializationResult<Dictionary<string, object>>?> DeserializeAsync(
        string key, string file, List<string> problems, CancellationToken cancellationToken)
    {
        // Partitions are small (one row per show); Parquet needs a seekable stream, S3 bodies are not.
        using var buffer = new MemoryStream();
        await using (var stream = await lake.OpenReadAsync(key, cancellationToken))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        buffer.Position = 0;
        try
        {
            return await ParquetSerializer.DeserializeUntypedAsync(buffer, null, null, cancellationToken);
        }
        catch (Exception e) when (e is Parquet.ParquetException or IOException or InvalidDataException or NotSupportedException)
        {
            problems.Add($"{file} is not a readable Parquet file: {e.Message}");
            return null;
        }
    }

    private static bool HasColumns(DeserializationResult<Dictionary<string, object>> result, string[] expectedColumns, string file, List<string> problems)
    {
        var columns = result.Schema.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var missing = expectedColumns.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{file} lacks the column(s) {string.Join(", ", missing)} (it has {string.Join(", ", columns)}).");
            return false;
        }

        return true;
    }

    /// <summary>One row as a fact (the expected columns after id and date are its measures, but for <c>source</c>); null without a whole-number id or a date.</summary>
    private static FactRow? ToFactRow(Dictionary<string, object> values, string[] expectedColumns, string origin)
    {
        var id = ToLong(values.GetValueOrDefault("id"));
        var rowDate = ToDate(values.GetValueOrDefault("date"));
        if (id is null || rowDate is null)
        {
            return null;
        }

        var measures = new Dictionary<string, double?>(StringComparer.Ordinal);
        string? source = null;
        foreach (var column in expectedColumns.Skip(2))
        {
            if (column == "source")
            {
                source = values.GetValueOrDefault(column) as string;
                continue;
            }

            measures[column] = ToDouble(values.GetValueOrDefault(column));
        }

        return new FactRow(id.Value, rowDate.Value, measures, origin) { Source = source };
    }

    private static void CheckDates(List<FactRow> rows, DateOnly date, List<string> problems) =>
        Report(
            problems,
            $"rows whose date is not the partition's {LakeLayout.Iso(date)}",
            rows.Where(r => r.Date != date).Select(r => $"id {r.Id} dated {LakeLayout.Iso(r.Date)}"));

    /// <summary>The counts of a tweet_stat or post_stat row: present, non-negative, and the total (<paramref name="total"/>) between its parts' max and sum.</summary>
    private static void CheckTweetCounts(List<FactRow> rows, string total, List<string> problems, string where = "")
    {
        Report(problems, where + "rows with a missing count", rows.Where(r => r.Measures.Values.Any(v => v is null)).Select(r => $"id {r.Id}"));
        var complete = rows.Where(r => r.Measures.Values.All(v => v is not null)).ToList();
        Report(
            problems,
            where + "rows with a negative count",
            complete.Where(r => r.Measures.Values.Any(v => v < 0)).Select(r => $"id {r.Id} ({Counts(r)})"));
        Report(
            problems,
            where + $"rows whose {total} is outside [max(hashtag_count, text_count), hashtag_count + text_count]",
            complete.Where(r => r.Measures.Values.All(v => v >= 0)).Where(r =>
            {
                var hashtag = r.Measures["hashtag_count"]!.Value;
                var text = r.Measures["text_count"]!.Value;
                var tweet = r.Measures[total]!.Value;
                return tweet < Math.Max(hashtag, text) || tweet > hashtag + text;
            }).Select(r => $"id {r.Id} ({Counts(r)})"));
    }

    private static void CheckOneRowPerShow(List<FactRow> rows, ShowCatalogue catalogue, List<string> problems)
    {
        var byId = rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Count());
        Report(
            problems,
            $"tracked shows without a row (the catalogue has {catalogue.Count})",
            catalogue.Shows.Where(s => !byId.ContainsKey(s.Id)).Select(s => $"{s.Id} '{s.Name}'"));
        Report(problems, "shows with more than one row", byId.Where(p => p.Value > 1).Select(p => $"{p.Key} ({p.Value} rows)"));
        Report(problems, "rows for ids that are not tracked shows", byId.Keys.Where(id => catalogue.Find(id) is null).Select(id => id.ToString(CultureInfo.InvariantCulture)));
    }

    private static void CheckTmdbMeasures(List<FactRow> rows, List<string> problems) =>
        Report(
            problems,
            "rows with a negative measure",
            rows.Where(r => r.Measures.Values.Any(v => v < 0))
                .Select(r => $"id {r.Id} ({string.Join(", ", r.Measures.Where(m => m.Value < 0).Select(m => $"{m.Key}={Format(m.Value)}"))})"));

    /// <summary>Adds one problem naming how many items failed a rule, with the first few quoted.</summary>
    internal static void Report(List<string> problems, string what, IEnumerable<string> offenders)
    {
        var list = offenders.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var examples = string.Join("; ", list.Take(MaxExamples));
        problems.Add($"{list.Count} {what}: {examples}{(list.Count > MaxExamples ? "; …" : string.Empty)}");
    }

    private static string Counts(FactRow row) =>
        string.Join(", ", row.Measures.Select(m => $"{m.Key}={Format(m.Value)}"));

    private static string Format(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static long? ToLong(object? value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        uint u => u,
        ulong u when u <= long.MaxValue => (long)u,
        decimal d when d == decimal.Truncate(d) => (long)d,
        string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static double? ToDouble(object? value) => value switch
    {
        null => null,
        double d => d,
        float f => f,
        decimal m => (double)m,
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => ToLong(value),
    };

    private static DateOnly? ToDate(object? value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        DateTimeOffset o => DateOnly.FromDateTime(o.UtcDateTime),
        string text when DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Checked {Partition}: {Rows} rows, {Problems} problem(s)")]
    private static partial void LogChecked(ILogger logger, string partition, int rows, int problems);

    private sealed record FactRow(long Id, DateOnly Date, Dictionary<string, double?> Measures, string Where)
    {
        /// <summary>post_stat's source; null for the other tables.</summary>
        public string? Source { get; init; }
    }
}
