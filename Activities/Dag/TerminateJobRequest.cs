namespace TrendingTv.Activities.Dag;

/// <summary>Input of <see cref="TerminateJobActivity"/>.</summary>
public sealed record TerminateJobRequest(string JobId, string Reason);
