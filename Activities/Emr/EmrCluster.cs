namespace TrendingTv.Activities.Emr;

/// <summary>An EMR cluster (job flow) as DescribeCluster and ListClusters report it: id, name, state and why it last changed.</summary>
public sealed record EmrCluster(string Id, string Name, string State, string? StateChangeReasonCode = null, string? StateChangeReasonMessage = null)
{
    /// <summary>STARTING, BOOTSTRAPPING, RUNNING and WAITING: the cluster can still run steps.</summary>
    public static IReadOnlyList<string> ActiveStates { get; } = ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"];

    public bool IsActive => ActiveStates.Contains(State);
}
