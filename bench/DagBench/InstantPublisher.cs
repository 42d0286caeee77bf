using TrendingTv.Activities.Dag;
using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.DagBench;

/// <summary>Publishes nothing, at once: the publish step's time is orchestration only.</summary>
internal sealed class InstantPublisher : IOutputPublisher
{
    public Task<PublishReport> PublishAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PublishReport(new RunStaging(dataset, date).RunId, LakeLayout.PartitionPrefix(LakeLayout.FactTable(dataset), date), [], 0, 0, false));
}
