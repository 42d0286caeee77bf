namespace TrendingTv.Dags.Orchestrations;

/// <summary>
/// Ends a DAG run: thrown by the orchestrator, it becomes the run's failure details (type and message),
/// which name the run, the step and the reason (for a failed job, the engine's own words).
/// </summary>
public sealed class DagRunFailedException : Exception
{
    public DagRunFailedException()
        : this("The DAG run failed.")
    {
    }

    public DagRunFailedException(string message)
        : base(message)
    {
        RunId = string.Empty;
        Step = string.Empty;
        Reason = message;
    }

    public DagRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        RunId = string.Empty;
        Step = string.Empty;
        Reason = message;
    }

    public DagRunFailedException(string runId, string step, string reason)
        : base($"Run {runId} failed at {step}: {reason}")
    {
        RunId = runId;
        Step = step;
        Reason = reason;
    }

    public string RunId { get; }

    public string Step { get; }

    public string Reason { get; }
}
