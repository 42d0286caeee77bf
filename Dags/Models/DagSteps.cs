namespace TrendingTv.Dags.Models;

/// <summary>The steps of the DAG as they appear in a run's custom status and failure messages.</summary>
public static class DagSteps
{
    public const string CheckRawData = "check-raw-data";
    public const string SubmitJob = "submit-job";
    public const string WaitForJob = "wait-for-job";
    public const string TerminateJob = "terminate-job";
    public const string CheckProcessedData = "check-processed-data";
    public const string PublishOutputs = "publish-outputs";
    public const string Succeeded = "succeeded";
}
