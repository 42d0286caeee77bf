namespace TrendingTv.DataLake.Rebuild;

/// <summary>One canonical hour of one source as the check found it, with the reason in words.</summary>
public sealed record CanonicalHourCheck(string Source, DateTimeOffset Hour, CanonicalHourState State, string Reason, long RawBytes)
{
    /// <summary>True when the hour must be rebuilt from its raw hour.</summary>
    public bool IsStale => State is not (CanonicalHourState.Current or CanonicalHourState.NoRaw or CanonicalHourState.NewerVersion);
}
