namespace TrendingTv.Dags.Models;

/// <summary>A backfill's progress handed from one generation to the next: runs done so far, how many succeeded, and the failures.</summary>
public sealed record BackfillProgress(int Done, int Succeeded, IReadOnlyList<BackfillFailure> Failures, int Generation);
