namespace TrendingTv.Streamer.Sources.X;

/// <summary>What a rules sync did (or, for a dry run, would do).</summary>
public sealed record RuleSyncResult(IReadOnlyList<XStreamRule> Added, IReadOnlyList<XStreamRule> Deleted, int Kept);
