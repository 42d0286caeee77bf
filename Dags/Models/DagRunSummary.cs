namespace TrendingTv.Dags.Models;

/// <summary>Output of a successful DAG run.</summary>
public sealed record DagRunSummary(string RunId, string JobId, string? LastState, int Polls, int Generations, int RawObjects, int ProcessedRows);
