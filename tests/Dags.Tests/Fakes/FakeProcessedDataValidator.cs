using TrendingTv.Activities.Dag;
using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Dags.Tests.Fakes;

/// <summary>Passes every run's staged partition with 160 rows, unless problems were set for the (dataset, date).</summary>
public sealed class FakeProcessedDataValidator : IProcessedDataValidator
{
    private readonly Dictionary<(Dataset, DateOnly), IReadOnlyList<string>> _problems = [];

    public void SetProblems(Dataset dataset, DateOnly date, params string[] problems)
    {
        lock (_problems)
        {
            _problems[(dataset, date)] = problems;
        }
    }

    public Task<ProcessedDataReport> ValidateAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> problems;
        lock (_problems)
        {
            problems = _problems.TryGetValue((dataset, date), out var found) ? found : [];
        }

        var partition = new RunStaging(dataset, date).PartitionPrefix;
        return Task.FromResult(new ProcessedDataReport(partition, 160, problems));
    }
}
