using TrendingTv.DataLake.Layout;

namespace TrendingTv.Activities.Dag;

/// <summary>Reads a date's output partition and checks it against DESIGN §7's sanity rules.</summary>
public interface IProcessedDataValidator
{
    Task<ProcessedDataReport> ValidateAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default);
}
