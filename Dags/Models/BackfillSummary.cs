namespace TrendingTv.Dags.Models;

/// <summary>Output of a backfill whose runs all succeeded.</summary>
public sealed record BackfillSummary(string BackfillId, int Total, int Succeeded, int Generations);
