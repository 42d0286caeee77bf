using TrendingTv.Activities.Engines;

namespace TrendingTv.Activities.Dag;

/// <summary>DAG step 3 (one poll of the sensor): the job's current state.</summary>
public sealed class GetJobStatusActivity(IEtlEngine engine)
{
    public Task<EtlJobStatus> RunAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return engine.GetStatusAsync(jobId, cancellationToken);
    }
}
