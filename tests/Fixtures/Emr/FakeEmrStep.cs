namespace TrendingTv.Fixtures.Emr;

/// <summary>A scripted state of one step in a <see cref="FakeEmrClusterState"/>, with EMR's FailureDetails for failed steps.</summary>
public sealed record FakeEmrStep(string State, string? FailureReason = null, string? FailureMessage = null, string? FailureLogFile = null)
{
    public static FakeEmrStep Pending { get; } = new("PENDING");

    public static FakeEmrStep Running { get; } = new("RUNNING");

    public static FakeEmrStep Completed { get; } = new("COMPLETED");

    public static FakeEmrStep Cancelled { get; } = new("CANCELLED");
}
