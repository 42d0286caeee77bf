using TrendingTv.DataLake.Layout;

namespace TrendingTv.Activities.Dag;

/// <summary>Reads a date's output partition and checks it against the sanity rules of docs/dag.md.</summary>
public interface IProcessedDataValidator
{
    Task<ProcessedDataReport> ValidateAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default);
}
