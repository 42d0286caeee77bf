namespace TrendingTv.Dags.Models;

/// <summary>A DAG run's custom status: the current step, the job id and the engine's last word on it, polls so far and the orchestration generation.</summary>
public sealed record DagRunStatus(string Step, string? JobId = null, string? LastState = null, int Polls = 0, int Generation = 0);
