using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs.Jobs;
using TrendingTv.SparkJobs.Spark;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.SparkJobs;

/// <summary>
/// The Spark side, for the EMR engine: clears the run's staging folder (<see cref="RunStaging"/>), uploads
/// the job's full Spark SQL script (and for tweet_stat the <c>show_keys.csv</c> match-keys input) to
/// <c>jobs/{runId}/</c> in the lake and returns the <c>spark-sql</c> command line that runs it (as an EMR
/// <c>command-runner.jar</c> step). The script writes its outputs to the staging folder
/// (<c>jobs/{runId}/out/</c>; Spark names its own part files), never to the lake's tables: the DAG
/// checks them there and <see cref="StagedOutputPublisher"/> swaps them in.
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
        var staging = new RunStaging(dataset, date);
        var runId = staging.RunId;
        // What an earlier attempt of this run left (outputs, a publish marker) must not be checked or published as this job's.
        await staging.ClearAsync(lake, cancellationToken);
        string script;
        switch (dataset)
        {
            case Dataset.Tweet:
                var catalogue = await ShowCatalogue.LoadInEffectAsync(lake, logger ?? NullLogger.Instance, cancellationToken);
                await lake.PutTextAsync(LakeLayout.JobKey(runId, "show_keys.csv"), ShowKeysTable.ToCsv(catalogue), cancellationToken);
                var inputs = await LocalEtlRunner.PostInputKeysAsync(lake, date, cancellationToken);
                script = SparkScripts.TweetStat(date, runId, inputs);
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
}
