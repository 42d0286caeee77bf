namespace TrendingTv.Activities.Dag;

/// <summary>What the raw-data check found under the date's raw prefix.</summary>
public sealed record RawDataReport(string Prefix, int ObjectCount, long TotalBytes)
{
    public bool HasData => ObjectCount > 0;
}
