using TrendingTv.Activities.Engines;

namespace TrendingTv.Dags.Tests.Fakes;

/// <summary>How a fake job behaves: it reports <see cref="RunningState"/> for <see cref="RunningPolls"/> polls, then ends in <see cref="FinalState"/>.</summary>
public sealed record JobScript(int RunningPolls, EtlJobState FinalState = EtlJobState.Succeeded, string? FailureReason = null, string RunningState = "RUNNING")
{
    public static JobScript SucceedsAfter(int runningPolls) => new(runningPolls);

    public static JobScript FailsAfter(int runningPolls, string reason) => new(runningPolls, EtlJobState.Failed, reason);

    public static JobScript NeverEnds { get; } = new(int.MaxValue);
}
