namespace TrendingTv.Dags.Models;

/// <summary>Retry policy of the DAG's activities (exponential back-off); see <see cref="Orchestrations.EtlDagOrchestrator.RetryOptions"/>.</summary>
public sealed record ActivityRetrySettings(int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient, TimeSpan MaxRetryInterval);
