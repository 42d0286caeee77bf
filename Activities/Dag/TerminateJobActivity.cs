using TrendingTv.Activities.Engines;

namespace TrendingTv.Activities.Dag;

/// <summary>Stops a job that ran past the DAG's deadline.</summary>
public sealed class TerminateJobActivity(IEtlEngine engine)
{
    public Task RunAsync(TerminateJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return engine.TerminateAsync(request.JobId, request.Reason, cancellationToken);
    }
}
