namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// The result of one hour's rebuild request: the outcome, the state the hour was found in (and why), and for a
/// rebuilt hour the counts of its raw lines.
/// </summary>
public sealed record HourRebuild(
    string Source,
    DateTimeOffset Hour,
    RebuildOutcome Outcome,
    CanonicalHourState Found,
    string Reason,
    long Posts = 0,
    long Quarantined = 0,
    long LeftOut = 0,
    long Duplicates = 0,
    string? FirstQuarantined = null);
