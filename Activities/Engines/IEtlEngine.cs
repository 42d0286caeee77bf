namespace TrendingTv.Activities.Engines;

/// <summary>
/// Runs one ETL job (a dataset's Spark SQL for one date) on a compute engine: <c>local</c> (DuckDB
/// in process) or <c>emr</c> (an AWS EMR job flow). Chosen by configuration at start-up.
/// </summary>
public interface IEtlEngine
{
    /// <summary>
    /// Starts the job and returns its id. Idempotent per <see cref="EtlJobRequest.RunId"/>: while a job
    /// for the same run is active, its id is returned instead of starting a second one.
    /// </summary>
    Task<string> SubmitAsync(EtlJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>The job's state. An unknown id is a <see cref="EtlJobState.Failed"/> status with a reason, not an exception.</summary>
    Task<EtlJobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Stops the job (e.g. past the DAG's deadline). Terminating a finished job is not an error.</summary>
    Task TerminateAsync(string jobId, string reason, CancellationToken cancellationToken = default);
}
