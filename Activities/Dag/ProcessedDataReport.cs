namespace TrendingTv.Activities.Dag;

/// <summary>The processed-data check's verdict on a date's partition: rows read and every problem found.</summary>
public sealed record ProcessedDataReport(string Partition, int RowCount, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}
