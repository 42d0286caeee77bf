using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Jobs;
using TrendingTv.SparkJobs.Local;

namespace TrendingTv.SparkJobs;

/// <summary>
/// Runs a dataset's job for one date on DuckDB in process: the shared transformation of
/// <c>sql/*.sql</c> over inputs bound with explicit types, on a local or S3 lake (inputs fetched
/// into a scratch folder, outputs uploaded, the scratch folder removed).
/// <see cref="Dataset.Tweet"/> writes the date's <c>tweet_stat</c> partition;
/// <see cref="Dataset.Tmdb"/> writes the <c>tmdb_stat</c> partition and the dimensions
/// (<c>tvshows</c>, <c>genres</c>, <c>networks</c> from that date's snapshot; the <c>date</c> calendar).
/// </summary>
/// <remarks>
/// A partition is written locally as one Parquet file, then replaced in the lake: the new
/// <c>part-00000.snappy.parquet</c> is put (replacing a previous run's file in one put), any other
/// object under the partition is deleted, and <c>_SUCCESS</c> is written last. DuckDB's own
/// <c>COPY … PARTITION_BY</c> is not used because it refuses existing directories and cannot
/// overwrite on S3 (DESIGN §9). Other dates are never touched.
/// The catalogue is the lake's <c>reference/tv_shows.csv</c>; a lake without one uses the
/// catalogue shipped with TrendingTv (<see cref="ShowCatalogue.LoadDefault"/>), with a warning.
/// </remarks>
public sealed class LocalEtlRunner
{
    /// <summary>The name of the single Parquet file of a partition written by this engine.</summary>
    public const string PartFileName = "part-00000.snappy.parquet";

    private readonly IObjectStore _lake;
    private readonly ILogger<LocalEtlRunner> _logger;
    private readonly LocalEtlOptions _options;

    public LocalEtlRunner(IObjectStore lake, ILogger<LocalEtlRunner> logger, LocalEtlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(logger);
        _lake = lake;
        _logger = logger;
        _options = options ?? new LocalEtlOptions();
        if (_options.Threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Threads, "LocalEtlOptions.Threads must be at least 1.");
        }
    }

    public async Task<EtlRunResult> RunAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        // Validate before anything reaches SQL text (DESIGN §6).
        var isoDate = JobParameters.IsoDate(date);
        var runId = JobParameters.RunId(dataset, date);
        var workRoot = JobParameters.SqlPath(Path.GetFullPath(_options.WorkDirectory ?? Path.GetTempPath()), "work directory");
        var work = Path.Combine(workRoot, $"trendingtv-{runId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = dataset switch
            {
                Dataset.Tweet => await RunTweetAsync(date, isoDate, work, cancellationToken),
                Dataset.Tmdb => await RunTmdbAsync(date, isoDate, work, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset."),
            };
            _logger.LogInformation("Run {RunId}: wrote {Rows} rows to {Keys} lake objects in {Elapsed} ms", runId, result.RowsWritten, result.KeysWritten.Count, stopwatch.ElapsedMilliseconds);
            return result;
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException e)
            {
                _logger.LogWarning(e, "Run {RunId}: could not remove the scratch folder {Work}", runId, work);
            }
        }
    }

    private async Task<EtlRunResult> RunTweetAsync(DateOnly date, string isoDate, string work, CancellationToken cancellationToken)
    {
        var catalogue = await ShowCatalogue.LoadInEffectAsync(_lake, _logger, cancellationToken);
        var showKeys = Path.Combine(work, "show_keys.csv");
        await File.WriteAllTextAsync(showKeys, ShowKeysTable.ToCsv(catalogue), cancellationToken);

        var inputs = await TweetInputKeysAsync(_lake, date, cancellationToken);
        var files = await FetchAsync(inputs, work, cancellationToken);
        _logger.LogInformation("tweet_stat {Date}: {Files} hourly files, {Shows} shows", isoDate, files.Count, catalogue.Count);

        var output = Path.Combine(work, "out", PartFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var query = SqlScripts.AsQuery(SqlScripts.Substitute(SqlScripts.Load(SqlScripts.TweetStat), Variables(isoDate)));
        long rows;
        using (var connection = Open())
        {
            Execute(connection, DuckDbBinding.BindTweetInputs(files, showKeys), cancellationToken);
            Execute(connection, [DuckDbBinding.CopyToParquet(query, "id", output)], cancellationToken);
            rows = CountParquetRows(connection, output);
        }

        var keys = await PublishPartitionAsync(LakeLayout.TweetStatTable, date, output, cancellationToken);
        return new EtlRunResult(Dataset.Tweet, date, rows, keys);
    }

    private async Task<EtlRunResult> RunTmdbAsync(DateOnly date, string isoDate, string work, CancellationToken cancellationToken)
    {
        var snapshotKey = LakeLayout.RawTmdbDayKey(date);
        if (!await _lake.ExistsAsync(snapshotKey, cancellationToken))
        {
            throw new InvalidOperationException($"tmdb_stat {isoDate}: the snapshot {_lake.Root.UriOf(snapshotKey)} does not exist.");
        }

        var files = await FetchAsync([snapshotKey], work, cancellationToken);
        var output = Path.Combine(work, "out", PartFileName);
        var dims = Path.Combine(work, "dims");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        Directory.CreateDirectory(dims);
        var variables = Variables(isoDate);
        string Query(string file) => SqlScripts.AsQuery(SqlScripts.Substitute(SqlScripts.Load(file), variables));

        var firstYear = Math.Min(_options.DateDimensionFirstYear, date.Year);
        long rows;
        using (var connection = Open())
        {
            Execute(connection, DuckDbBinding.BindTmdbInputs(files), cancellationToken);
            Execute(
                connection,
                [
                    DuckDbBinding.CopyToParquet(Query(SqlScripts.TmdbStat), "id", output),
                    DuckDbBinding.CopyToCsv(Query(SqlScripts.DimTvShows), "id", Path.Combine(dims, "tvshows.csv")),
                    DuckDbBinding.CopyToCsv(Query(SqlScripts.DimGenres), "id", Path.Combine(dims, "genres.csv")),
                    DuckDbBinding.CopyToCsv(Query(SqlScripts.DimNetworks), "id", Path.Combine(dims, "networks.csv")),
                    DuckDbBinding.CopyToCsv(DuckDbBinding.DateDimensionQuery(new DateOnly(firstYear, 1, 1), new DateOnly(date.Year, 12, 31)), "date", Path.Combine(dims, "date.csv")),
                ],
                cancellationToken);
            rows = CountParquetRows(connection, output);
        }

        var keys = new List<string>(await PublishPartitionAsync(LakeLayout.TmdbStatTable, date, output, cancellationToken));
        foreach (var name in LakeLayout.Dimensions)
        {
            var key = LakeLayout.DimensionKey(name);
            await _lake.UploadFileAsync(Path.Combine(dims, name + ".csv"), key, cancellationToken);
            keys.Add(key);
        }

        return new EtlRunResult(Dataset.Tmdb, date, rows, keys);
    }

    /// <summary>The date's canonical hourly files plus the next day's first hour (posts created just before midnight land there).</summary>
    internal static async Task<IReadOnlyList<string>> TweetInputKeysAsync(IObjectStore lake, DateOnly date, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var info in lake.ListAsync(LakeLayout.CanonicalTweetDayPrefix(date), cancellationToken))
        {
            if (LakeLayout.TryParseTweetHourKey(info.Key, out _, out var isCanonical) && isCanonical)
            {
                keys.Add(info.Key);
            }
        }

        var next = date.AddDays(1);
        var nextFirstHour = LakeLayout.CanonicalTweetHourKey(new DateTimeOffset(next.Year, next.Month, next.Day, 0, 0, 0, TimeSpan.Zero));
        if (await lake.ExistsAsync(nextFirstHour, cancellationToken))
        {
            keys.Add(nextFirstHour);
        }

        return keys;
    }

    /// <summary>Local paths of the inputs: the files themselves on a local lake, downloaded copies under <paramref name="work"/> otherwise.</summary>
    private async Task<IReadOnlyList<string>> FetchAsync(IReadOnlyList<string> keys, string work, CancellationToken cancellationToken)
    {
        var paths = new List<string>(keys.Count);
        foreach (var key in keys)
        {
            JobParameters.Key(key);
            if (_lake is LocalDirectoryStore && _lake.Root.IsLocal)
            {
                paths.Add(JobParameters.SqlPath(_lake.Root.LocalPathOf(key)));
            }
            else
            {
                var path = Path.Combine(work, "in", key.Replace('/', Path.DirectorySeparatorChar));
                await _lake.DownloadToFileAsync(key, path, cancellationToken);
                paths.Add(path);
            }
        }

        return paths;
    }

    private async Task<IReadOnlyList<string>> PublishPartitionAsync(string table, DateOnly date, string localFile, CancellationToken cancellationToken)
    {
        var prefix = LakeLayout.PartitionPrefix(table, date);
        var dataKey = prefix + PartFileName;
        var successKey = prefix + LakeLayout.SuccessMarker;
        await _lake.UploadFileAsync(localFile, dataKey, cancellationToken);
        var stale = new List<string>();
        await foreach (var info in _lake.ListAsync(prefix, cancellationToken))
        {
            if (info.Key != dataKey && info.Key != successKey)
            {
                stale.Add(info.Key);
            }
        }

        foreach (var key in stale)
        {
            await _lake.DeleteAsync(key, cancellationToken);
        }

        await _lake.PutTextAsync(successKey, string.Empty, cancellationToken);
        return [dataKey, successKey];
    }

    private static Dictionary<string, string> Variables(string isoDate) => new(StringComparer.Ordinal) { ["run_date"] = isoDate };

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        // Row order inside the job does not matter (outputs are sorted): lets DuckDB load in parallel with less memory.
        Execute(connection, ["SET preserve_insertion_order = false"], CancellationToken.None);
        if (_options.Threads is { } threads)
        {
            Execute(connection, [$"SET threads = {threads.ToString(System.Globalization.CultureInfo.InvariantCulture)}"], CancellationToken.None);
        }

        return connection;
    }

    private static void Execute(DuckDBConnection connection, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    private static long CountParquetRows(DuckDBConnection connection, string file)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_parquet({DuckDbBinding.Quote(file)})";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
