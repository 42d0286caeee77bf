using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Jobs;
using TrendingTv.SparkJobs.Spark;

namespace TrendingTv.SparkJobs;

/// <summary>
/// The Spark side, for the EMR engine: uploads a job's full Spark SQL script (and for tweet_stat the
/// <c>show_keys.csv</c> match-keys input) to <c>jobs/{runId}/</c> in the lake and returns the
/// <c>spark-sql</c> command line that runs it (as an EMR <c>command-runner.jar</c> step).
/// The tmdb job writes the dimensions under <c>jobs/{runId}/dims/{name}/</c> (Spark names its own
/// part files); <see cref="PublishDimensionsAsync"/> copies them to <c>dims/{name}.csv</c> afterwards.
/// </summary>
public static class SparkBinding
{
    public static async Task<SparkJobPlan> PrepareAsync(IObjectStore lake, Dataset dataset, DateOnly date, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var isoDate = JobParameters.IsoDate(date);
        if (lake.Root.IsLocal)
        {
            throw new ArgumentException($"Spark jobs run against an S3 lake; {lake.Root} is a local directory (use LocalEtlRunner).", nameof(lake));
        }

        var lakeText = JobParameters.LakeRoot(lake.Root);
        var runId = JobParameters.RunId(dataset, date);
        string script;
        switch (dataset)
        {
            case Dataset.Tweet:
                var catalogue = await ShowCatalogue.LoadInEffectAsync(lake, logger ?? NullLogger.Instance, cancellationToken);
                await lake.PutTextAsync(LakeLayout.JobKey(runId, "show_keys.csv"), ShowKeysTable.ToCsv(catalogue), cancellationToken);
                var inputs = await LocalEtlRunner.TweetInputKeysAsync(lake, date, cancellationToken);
                var nextDayPrefix = LakeLayout.CanonicalTweetDayPrefix(date.AddDays(1));
                script = SparkScripts.TweetStat(
                    date,
                    runId,
                    dayHasPosts: inputs.Any(k => !k.StartsWith(nextDayPrefix, StringComparison.Ordinal)),
                    nextFirstHourExists: inputs.Any(k => k.StartsWith(nextDayPrefix, StringComparison.Ordinal)));
                break;
            case Dataset.Tmdb:
                script = SparkScripts.TmdbStat(date, runId, new LocalEtlOptions().DateDimensionFirstYear);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset.");
        }

        var scriptKey = LakeLayout.JobKey(runId, SparkScripts.ScriptFileName(dataset));
        await lake.PutTextAsync(scriptKey, script, cancellationToken);
        var scriptUri = lake.Root.UriOf(scriptKey);
        return new SparkJobPlan(
            runId,
            scriptUri,
            ["spark-sql", "--conf", SparkScripts.TimeZoneConf, "-f", scriptUri, "--hivevar", $"run_date={isoDate}", "--hivevar", $"lake={lakeText}"]);
    }

    /// <summary>
    /// After a successful tmdb Spark job: copies each dimension's single CSV part file from
    /// <c>jobs/{runId}/dims/{name}/</c> to <c>dims/{name}.csv</c> and returns the keys written.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PublishDimensionsAsync(IObjectStore lake, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var runId = JobParameters.RunId(Dataset.Tmdb, date);
        var written = new List<string>();
        foreach (var name in LakeLayout.Dimensions)
        {
            var prefix = SparkScripts.DimensionOutputPrefix(runId, name);
            var parts = new List<string>();
            await foreach (var info in lake.ListAsync(prefix, cancellationToken))
            {
                var file = info.Key[prefix.Length..];
                if (file.StartsWith("part-", StringComparison.Ordinal) && file.EndsWith(".csv", StringComparison.Ordinal))
                {
                    parts.Add(info.Key);
                }
            }

            if (parts.Count != 1)
            {
                throw new InvalidOperationException($"Run {runId}: expected one CSV part file under {lake.Root.UriOf(prefix.TrimEnd('/'))}, found {parts.Count}.");
            }

            var key = LakeLayout.DimensionKey(name);
            await using (var source = await lake.OpenReadAsync(parts[0], cancellationToken))
            {
                await lake.PutAsync(key, source, cancellationToken);
            }

            written.Add(key);
        }

        return written;
    }
}
