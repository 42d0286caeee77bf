using System.Globalization;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Activities.Engines;

/// <summary>One dataset's ETL for one UTC date; <see cref="RunId"/> is also the DAG's instance id.</summary>
public sealed record EtlJobRequest(Dataset Dataset, DateOnly Date)
{
    /// <summary><c>{dataset}-{yyyy-MM-dd}</c>, e.g. <c>tweet-2020-11-23</c>.</summary>
    public string RunId => string.Create(CultureInfo.InvariantCulture, $"{Dataset.Name()}-{Date:yyyy-MM-dd}");

    public override string ToString() => RunId;
}
