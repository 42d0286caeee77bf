namespace TrendingTv.Dags.Models;

/// <summary>
/// A DAG run's custom status: the current step, the job id and the engine's last word on it, polls so far, the
/// orchestration generation, and how many canonical hours the raw-data step rebuilt (tweet runs).
/// </summary>
public sealed record DagRunStatus(string Step, string? JobId = null, string? LastState = null, int Polls = 0, int Generation = 0, int CanonicalHoursRebuilt = 0);
