using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities.Publishing;

/// <summary>
/// Publishes a run's staged outputs (<see cref="StagedOutputPublisher"/>), then removes what failed runs
/// left in <c>jobs/</c> and nobody re-ran within <see cref="EngineOptions.StagingRetention"/>. That
/// housekeeping is best effort: a failure there is logged and never fails a run whose outputs are published.
/// </summary>
public sealed partial class LakeOutputPublisher(
    StagedOutputPublisher publisher, IOptions<EngineOptions> options, TimeProvider time, ILogger<LakeOutputPublisher> logger) : IOutputPublisher
{
    public async Task<PublishReport> PublishAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        var report = await publisher.PublishAsync(dataset, date, cancellationToken);
        var olderThan = time.GetUtcNow() - options.Value.StagingRetention;
        try
        {
            var expired = await publisher.RemoveExpiredStagingAsync(olderThan, cancellationToken);
            return report with { ExpiredStagingRemoved = expired };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(logger, e, report.RunId);
            return report;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} is published, but removing expired staging folders failed; the next publish tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string runId);
}
