namespace TrendingTv.Activities.Dag;

/// <summary>What the raw-data check found under the date's raw prefixes (<see cref="Prefix"/>: their URIs, comma-separated): the non-empty objects (data) and the empty ones (not data).</summary>
public sealed record RawDataReport(string Prefix, int ObjectCount, long TotalBytes, int EmptyObjects = 0)
{
    public bool HasData => ObjectCount > 0;
}
