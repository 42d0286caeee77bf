namespace TrendingTv.Activities.Emr;

/// <summary>One step of a cluster as ListSteps reports it; a failed step carries EMR's FailureDetails (reason, message, log file).</summary>
public sealed record EmrStep(
    string Id,
    string Name,
    string State,
    string? FailureReason = null,
    string? FailureMessage = null,
    string? FailureLogFile = null,
    string? StateChangeReasonMessage = null)
{
    public bool HasFailed => State is "FAILED" or "CANCELLED" or "INTERRUPTED";
}
