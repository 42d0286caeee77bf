using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Backfill;

/// <summary>A validated backfill: the dates from <paramref name="From"/> to <paramref name="To"/> (inclusive) for each dataset.</summary>
public sealed record BackfillPlan(DateOnly From, DateOnly To, IReadOnlyList<Dataset> Datasets)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public int RunCount => Days * Datasets.Count;

    public string BackfillId => DagInstanceIds.Backfill(From, To, Datasets);

    /// <summary>Every daily run of the plan, by date then dataset.</summary>
    public IEnumerable<(Dataset Dataset, DateOnly Date, string RunId)> Runs()
    {
        for (var date = From; date <= To; date = date.AddDays(1))
        {
            foreach (var dataset in Datasets)
            {
                yield return (dataset, date, DagInstanceIds.Run(dataset, date));
            }
        }
    }
}
