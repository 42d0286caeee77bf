using TrendingTv.Activities.Dag;
using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Dags.Tests.Fakes;

/// <summary>Publishes nothing: records each call (attempts included) and can fail the next calls.</summary>
public sealed class FakeOutputPublisher : IOutputPublisher
{
    private readonly Lock _gate = new();
    private readonly List<(Dataset Dataset, DateOnly Date)> _attempts = [];
    private readonly List<(Dataset Dataset, DateOnly Date)> _published = [];
    private int _failures;
    private Func<Exception> _error = () => new IOException("Connection reset while publishing (simulated).");

    /// <summary>Every call, failed ones included.</summary>
    public IReadOnlyList<(Dataset Dataset, DateOnly Date)> Attempts { get { lock (_gate) { return [.. _attempts]; } } }

    /// <summary>The calls that succeeded.</summary>
    public IReadOnlyList<(Dataset Dataset, DateOnly Date)> Published { get { lock (_gate) { return [.. _published]; } } }

    /// <summary>The next <paramref name="count"/> calls throw (an <see cref="IOException"/> unless <paramref name="error"/> says otherwise).</summary>
    public void FailNext(int count, Func<Exception>? error = null)
    {
        lock (_gate)
        {
            _failures = count;
            _error = error ?? _error;
        }
    }

    public Task<PublishReport> PublishAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _attempts.Add((dataset, date));
            if (_failures > 0)
            {
                _failures--;
                throw _error();
            }

            _published.Add((dataset, date));
        }

        var partition = LakeLayout.PartitionPrefix(LakeLayout.FactTable(dataset), date);
        return Task.FromResult(new PublishReport(new RunStaging(dataset, date).RunId, partition, [partition + "part-00000.snappy.parquet", partition + "_SUCCESS"], 0, 1, false));
    }
}
