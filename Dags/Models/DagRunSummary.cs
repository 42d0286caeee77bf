namespace TrendingTv.Dags.Models;

/// <summary>Output of a successful DAG run; <see cref="CanonicalHoursRebuilt"/>: stale canonical hours the raw-data step rebuilt (tweet runs).</summary>
public sealed record DagRunSummary(string RunId, string JobId, string? LastState, int Polls, int Generations, int RawObjects, int ProcessedRows, int CanonicalHoursRebuilt = 0);
