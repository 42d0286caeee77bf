namespace TrendingTv.Dags.Models;

/// <summary>What the sensor loop carries across <c>ContinueAsNew</c>: the job, its deadline (orchestration time, UTC), polls so far and the generation number.</summary>
public sealed record SensorState(string JobId, DateTime DeadlineUtc, int Polls, int Generation);
