using TrendingTv.Activities.Engines;

namespace TrendingTv.Activities.Dag;

/// <summary>DAG step 2: starts the run's ETL job on the configured engine (idempotent per run id) and returns the job id.</summary>
public sealed class SubmitJobActivity(IEtlEngine engine)
{
    public Task<string> RunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return engine.SubmitAsync(request.ToJobRequest(), cancellationToken);
    }
}
