namespace TrendingTv.Dags.Models;

/// <summary>The sensor and retry settings of one DAG run, carried in its input so that every replay and generation sees the same values.</summary>
public sealed record DagSettings(TimeSpan PollInterval, TimeSpan Deadline, int MaxPollsPerGeneration, ActivityRetrySettings Retry);
