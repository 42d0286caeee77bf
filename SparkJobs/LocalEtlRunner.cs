using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Jobs;
using TrendingTv.SparkJobs.Local;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.SparkJobs;

/// <summary>
/// Runs a dataset's job for one date on DuckDB in process: the shared transformation of
/// <c>sql/*.sql</c> over inputs bound with explicit types, on a local or S3 lake (inputs fetched
/// into a scratch folder, outputs uploaded, the scratch folder removed).
/// <see cref="Dataset.Tweet"/> writes the date's <c>tweet_stat</c> and <c>post_stat</c> partitions (posts of every source);
/// <see cref="Dataset.Tmdb"/> writes the <c>tmdb_stat</c> partition and the dimensions
/// (<c>tvshows</c>, <c>genres</c>, <c>networks</c> from that date's snapshot; the <c>date</c> calendar).
/// </summary>
/// <remarks>
/// <see cref="StageAsync"/> writes the outputs aside, in the run's staging folder
/// (<see cref="RunStaging"/>: <c>jobs/{runId}/out/</c>), and never touches the lake's tables: the DAG
/// checks them there and publishes them (<see cref="StagedOutputPublisher"/>) only if they pass, so a
/// failed run leaves the previous partition and dimensions as they were. <see cref="RunAsync"/> does
/// both at once for tools and tests that build a lake directly.
/// Each output is written locally as one file, then uploaded: DuckDB's own <c>COPY … PARTITION_BY</c>
/// is not used because it refuses existing directories and cannot overwrite on S3.
/// The catalogue is the lake's <c>reference/tv_shows.csv</c>; a lake without one uses the
/// catalogue shipped with TrendingTv (<see cref="ShowCatalogue.LoadDefault"/>), with a warning.
/// </remarks>
public sealed class LocalEtlRunner
{
    /// <summary>The name of the Parquet file this engine stages for a partition.</summary>
    public const string PartFileName = "part-00000.snappy.parquet";

    /// <summary>The name of the CSV file this engine stages for each dimension.</summary>
    public const string DimensionPartFileName = "part-00000.csv";

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

    /// <summary>
    /// Runs the job and writes its outputs to the run's staging folder, replacing whatever an earlier
    /// attempt left there. The lake's tables are not touched. <see cref="EtlRunResult.KeysWritten"/> are staging keys.
    /// </summary>
    public async Task<EtlRunResult> StageAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        // Validate before anything reaches SQL text.
        var isoDate = JobParameters.IsoDate(date);
        var staging = new RunStaging(dataset, date);
        var workRoot = JobParameters.SqlPath(Path.GetFullPath(_options.WorkDirectory ?? Path.GetTempPath()), "work directory");
        var work = Path.Combine(workRoot, $"trendingtv-{staging.RunId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await staging.ClearAsync(_lake, cancellationToken);
            var result = dataset switch
            {
                Dataset.Tweet => await RunTweetAsync(staging, isoDate, work, cancellationToken),
                Dataset.Tmdb => await RunTmdbAsync(staging, isoDate, work, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset."),
            };
            _logger.LogInformation("Run {RunId}: staged {Rows} rows in {Keys} objects under {Staging} in {Elapsed} ms", staging.RunId, result.RowsWritten, result.KeysWritten.Count, staging.Prefix, stopwatch.ElapsedMilliseconds);
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
                _logger.LogWarning(e, "Run {RunId}: could not remove the scratch folder {Work}", staging.RunId, work);
            }
        }
    }

    /// <summary>
    /// Runs the job and publishes its outputs at once, without the DAG's processed-data check in between:
    /// for tools and tests that build a lake directly. <see cref="EtlRunResult.KeysWritten"/> are lake keys.
    /// </summary>
    public async Task<EtlRunResult> RunAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        var staged = await StageAsync(dataset, date, cancellationToken);
        var publisher = new StagedOutputPublisher(_lake, NullLogger<StagedOutputPublisher>.Instance);
        var published = await publisher.PublishAsync(dataset, date, cancellationToken);
        return staged with { KeysWritten = published.KeysWritten };
    }

    /// <summary>post_stat, then tweet_stat from it (the sums over sources), both staged from one read of the posts.</summary>
    private async Task<EtlRunResult> RunTweetAsync(RunStaging staging, string isoDate, string work, CancellationToken cancellationToken)
    {
        var date = staging.Date;
        var catalogue = await ShowCatalogue.LoadInEffectAsync(_lake, _logger, cancellationToken);
        var showKeys = Path.Combine(work, "show_keys.csv");
        await File.WriteAllTextAsync(showKeys, ShowKeysTable.ToCsv(catalogue), cancellationToken);

        var inputs = await PostInputKeysAsync(_lake, date, cancellationToken);
        var files = await FetchAsync(inputs, work, cancellationToken);
        var sourced = inputs.Select((key, i) => (Source: SourceOf(key), File: files[i])).ToList();
        _logger.LogInformation(
            "tweet_stat {Date}: {Files} hourly files ({BySource}), {Shows} shows",
            isoDate,
            files.Count,
            string.Join(", ", sourced.GroupBy(f => f.Source).Select(g => $"{g.Key} {g.Count()}")),
            catalogue.Count);

        var variables = Variables(isoDate);
        string Query(string file) => SqlScripts.AsQuery(SqlScripts.Substitute(SqlScripts.Load(file), variables));
        var tweetOutput = Path.Combine(work, "out", LakeLayout.TweetStatTable, PartFileName);
        var postOutput = Path.Combine(work, "out", LakeLayout.PostStatTable, PartFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(tweetOutput)!);
        Directory.CreateDirectory(Path.GetDirectoryName(postOutput)!);
        long rows;
        using (var connection = Open())
        {
            Execute(connection, DuckDbBinding.BindPostInputs(sourced, showKeys), cancellationToken);
            Execute(
                connection,
                [
                    DuckDbBinding.KeepPostStat(Query(SqlScripts.PostStat)),
                    DuckDbBinding.CopyToParquet("SELECT * FROM post_stat", "id, source", postOutput),
                    DuckDbBinding.CopyToParquet(Query(SqlScripts.TweetStat), "id", tweetOutput),
                ],
                cancellationToken);
            rows = CountParquetRows(connection, tweetOutput);
        }

        var keys = new List<string>
        {
            staging.PartitionPrefixOf(LakeLayout.TweetStatTable) + PartFileName,
            staging.PartitionPrefixOf(LakeLayout.PostStatTable) + PartFileName,
        };
        await _lake.UploadFileAsync(tweetOutput, keys[0], cancellationToken);
        await _lake.UploadFileAsync(postOutput, keys[1], cancellationToken);
        return new EtlRunResult(Dataset.Tweet, date, rows, keys);
    }

    private async Task<EtlRunResult> RunTmdbAsync(RunStaging staging, string isoDate, string work, CancellationToken cancellationToken)
    {
        var date = staging.Date;
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

        var keys = new List<string> { staging.PartitionPrefix + PartFileName };
        await _lake.UploadFileAsync(output, keys[0], cancellationToken);
        foreach (var name in staging.Dimensions)
        {
            var key = staging.DimensionPrefix(name) + DimensionPartFileName;
            await _lake.UploadFileAsync(Path.Combine(dims, name + ".csv"), key, cancellationToken);
            keys.Add(key);
        }

        return new EtlRunResult(Dataset.Tmdb, date, rows, keys);
    }

    /// <summary>
    /// The date's canonical hourly files of every source (<see cref="PostSources.All"/> order) plus each source's
    /// next-day first hour (posts created just before midnight land there). A source without files that date
    /// (an X-only lake has no <c>bluesky_posts/</c>) simply adds none.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> PostInputKeysAsync(IObjectStore lake, DateOnly date, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var next = date.AddDays(1);
        var nextFirstHour = new DateTimeOffset(next.Year, next.Month, next.Day, 0, 0, 0, TimeSpan.Zero);
        foreach (var source in PostSources.All)
        {
            await foreach (var info in lake.ListAsync(LakeLayout.CanonicalPostDayPrefix(source, date), cancellationToken))
            {
                if (LakeLayout.TryParsePostHourKey(info.Key, out var keySource, out _, out var isCanonical) && isCanonical && keySource == source)
                {
                    keys.Add(info.Key);
                }
            }

            var nextKey = LakeLayout.CanonicalPostHourKey(source, nextFirstHour);
            if (await lake.ExistsAsync(nextKey, cancellationToken))
            {
                keys.Add(nextKey);
            }
        }

        return keys;
    }

    /// <summary>The source of a canonical hourly key listed by <see cref="PostInputKeysAsync"/>.</summary>
    internal static string SourceOf(string key) =>
        LakeLayout.TryParsePostHourKey(key, out var source, out _, out _)
            ? source
            : throw new ArgumentException($"'{key}' is not a canonical hourly post key.", nameof(key));

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
