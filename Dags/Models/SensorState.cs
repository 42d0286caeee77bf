namespace TrendingTv.Dags.Models;

/// <summary>
/// What the sensor loop carries across <c>ContinueAsNew</c>: the job, its deadline (orchestration time, UTC), polls so
/// far, the generation number, and the canonical hours the raw-data step rebuilt (for the run's summary).
/// </summary>
public sealed record SensorState(string JobId, DateTime DeadlineUtc, int Polls, int Generation, int CanonicalHoursRebuilt = 0);
