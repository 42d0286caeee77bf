using System.Globalization;
using TrendingTv.Activities.Dag;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags;

/// <summary>Instance ids: a daily run is <c>{dataset}-{yyyy-MM-dd}</c>, a backfill <c>backfill-{from}-{to}-{datasets}</c>.</summary>
public static class DagInstanceIds
{
    /// <summary>The DAG run's instance id, the same as <see cref="RunRequest.RunId"/>.</summary>
    public static string Run(Dataset dataset, DateOnly date) => new RunRequest(dataset, date).RunId;

    /// <summary>A backfill's instance id: the same range and datasets give the same id, so a second request finds the first.</summary>
    public static string Backfill(DateOnly from, DateOnly to, IEnumerable<Dataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var names = string.Join("-", datasets.Select(d => d.Name()));
        return string.Create(CultureInfo.InvariantCulture, $"backfill-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}-{names}");
    }
}
