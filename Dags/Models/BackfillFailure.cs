namespace TrendingTv.Dags.Models;

/// <summary>A daily run of a backfill that failed, and why.</summary>
public sealed record BackfillFailure(string RunId, string Reason);
