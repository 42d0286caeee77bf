namespace TrendingTv.Activities.Engines;

/// <summary>Where a job is, as the DAG's sensor sees it.</summary>
public enum EtlJobState
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A job's state, the engine's own word for it (<paramref name="EngineState"/>, e.g. EMR's
/// <c>BOOTSTRAPPING</c>), and for a failed job the reason quoted from the engine.
/// </summary>
public sealed record EtlJobStatus(string JobId, EtlJobState State, string? EngineState = null, string? FailureReason = null)
{
    public bool IsFinished => State != EtlJobState.Running;
}
