using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Dag;

/// <summary>
/// DAG step 5, after the processed-data check passed: replaces the date's partition (and for tmdb the
/// dimensions) with the run's staged outputs and removes the staging folder. Safe to retry.
/// </summary>
public sealed class PublishOutputsActivity(IOutputPublisher publisher)
{
    public Task<PublishReport> RunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return publisher.PublishAsync(request.Dataset, request.Date, cancellationToken);
    }
}
