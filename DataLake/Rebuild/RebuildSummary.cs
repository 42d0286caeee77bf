namespace TrendingTv.DataLake.Rebuild;

/// <summary>What a range rebuild did: hours by outcome, the counts of the rebuilt hours, and the failures.</summary>
public sealed record RebuildSummary(
    int HoursChecked,
    IReadOnlyList<HourRebuild> Rebuilt,
    int SkippedAsCurrent,
    int WithoutRaw,
    int NewerVersion,
    IReadOnlyList<RebuildFailure> Failures)
{
    public long Posts => Rebuilt.Sum(h => h.Posts);

    public long Quarantined => Rebuilt.Sum(h => h.Quarantined);

    public long LeftOut => Rebuilt.Sum(h => h.LeftOut);
}
