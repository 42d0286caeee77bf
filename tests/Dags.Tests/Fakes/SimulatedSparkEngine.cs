using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.Activities.Engines;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Dags.Tests.Fakes;

/// <summary>
/// The real EMR engine (against a fake EMR endpoint) with the cluster's Spark step played in process: once
/// the engine has uploaded the script and started the cluster, the shared SQL runs on DuckDB and its outputs
/// are left in the run's staging folder the way Spark's <c>INSERT OVERWRITE DIRECTORY</c> leaves them (its own
/// part-file names, <c>_SUCCESS</c> and <c>.crc</c> files). A step that fails leaves what a killed Spark job
/// leaves: uncommitted task files under <c>_temporary/</c>. Whether the cluster reports success is the fake
/// EMR server's script, queued by the test.
/// </summary>
public sealed class SimulatedSparkEngine(IEtlEngine emr, IObjectStore lake) : IEtlEngine
{
    public async Task<string> SubmitAsync(EtlJobRequest request, CancellationToken cancellationToken = default)
    {
        var jobId = await emr.SubmitAsync(request, cancellationToken);
        await PlaySparkStepAsync(request, cancellationToken);
        return jobId;
    }

    public Task<EtlJobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default) => emr.GetStatusAsync(jobId, cancellationToken);

    public Task TerminateAsync(string jobId, string reason, CancellationToken cancellationToken = default) => emr.TerminateAsync(jobId, reason, cancellationToken);

    private async Task PlaySparkStepAsync(EtlJobRequest request, CancellationToken cancellationToken)
    {
        var staging = new RunStaging(request.Dataset, request.Date);
        var prepared = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var info in lake.ListAsync(staging.Prefix, cancellationToken))
        {
            prepared[info.Key] = await lake.ReadBytesAsync(info.Key, cancellationToken);
        }

        var runner = new LocalEtlRunner(lake, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 1 });
        EtlRunResult? result = null;
        try
        {
            result = await runner.StageAsync(request.Dataset, request.Date, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await lake.PutTextAsync(staging.PartitionPrefix + "_temporary/0/_temporary/attempt_1/part-00000-9d1c.c000.snappy.parquet", "uncommitted", cancellationToken);
        }

        foreach (var (key, bytes) in prepared)
        {
            await lake.PutBytesAsync(key, bytes, cancellationToken); // staging cleared them; Spark would not have
        }

        foreach (var key in result?.KeysWritten ?? [])
        {
            var folder = key[..(key.LastIndexOf('/') + 1)];
            var sparkName = key.EndsWith(".parquet", StringComparison.Ordinal) ? "part-00000-61c0d7e2-c000.snappy.parquet" : "part-00000-61c0d7e2-c000.csv";
            await lake.PutBytesAsync(folder + sparkName, await lake.ReadBytesAsync(key, cancellationToken), cancellationToken);
            await lake.DeleteAsync(key, cancellationToken);
            await lake.PutTextAsync(folder + "_SUCCESS", string.Empty, cancellationToken);
            await lake.PutTextAsync(folder + "." + sparkName + ".crc", "crc", cancellationToken);
        }
    }
}
