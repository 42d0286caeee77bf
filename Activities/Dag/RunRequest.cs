using TrendingTv.Activities.Engines;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Activities.Dag;

/// <summary>The input of the DAG's lake and submit activities: one dataset, one UTC date.</summary>
public sealed record RunRequest(Dataset Dataset, DateOnly Date)
{
    public EtlJobRequest ToJobRequest() => new(Dataset, Date);

    public string RunId => ToJobRequest().RunId;
}
