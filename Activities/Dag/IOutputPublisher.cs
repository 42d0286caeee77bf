using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Dag;

/// <summary>Swaps a run's checked, staged outputs into the lake (the DAG's last step). Idempotent: a retried call after a crash is safe.</summary>
public interface IOutputPublisher
{
    Task<PublishReport> PublishAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default);
}
