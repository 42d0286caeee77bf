namespace TrendingTv.Fixtures.Emr;

/// <summary>
/// One scripted snapshot of a fake cluster: its state, state-change reason and the states of its steps
/// (by position; steps beyond the list are PENDING). Each DescribeCluster moves a cluster to its next
/// snapshot; the last one stays.
/// </summary>
public sealed record FakeEmrClusterState(string State, IReadOnlyList<FakeEmrStep> Steps, string? ReasonCode = null, string? ReasonMessage = null)
{
    public static FakeEmrClusterState Of(string state, params FakeEmrStep[] steps) => new(state, steps);

    public FakeEmrClusterState WithReason(string code, string message) => this with { ReasonCode = code, ReasonMessage = message };
}
