using TrendingTv.Activities.Dag;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.DagBench;

/// <summary>Passes every partition without reading it.</summary>
internal sealed class PassingValidator : IProcessedDataValidator
{
    public Task<ProcessedDataReport> ValidateAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ProcessedDataReport(LakeLayout.PartitionPrefix(LakeLayout.FactTable(dataset), date), 160, []));
}
