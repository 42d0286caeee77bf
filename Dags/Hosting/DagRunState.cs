namespace TrendingTv.Dags.Hosting;

/// <summary>Where a DAG run is, as the embedded host reports it.</summary>
public enum DagRunState
{
    /// <summary>No instance with the run's id exists (a backfill stopped before it).</summary>
    NotStarted,
    Pending,
    Running,
    Succeeded,
    Failed,
    Terminated,
}
