using Microsoft.Azure.Functions.Worker;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Orchestrations.Functions;

/// <summary>The DAG's activities as Durable Functions, named after their classes; each binds its input and calls the activity.</summary>
public sealed class ActivityFunctions(
    CheckRawDataActivity checkRawData,
    FindStaleCanonicalHoursActivity findStaleCanonicalHours,
    RebuildCanonicalHourActivity rebuildCanonicalHour,
    SubmitJobActivity submitJob,
    GetJobStatusActivity getJobStatus,
    TerminateJobActivity terminateJob,
    CheckProcessedDataActivity checkProcessedData,
    PublishOutputsActivity publishOutputs)
{
    [Function(nameof(CheckRawDataActivity))]
    public Task<RawDataReport> CheckRawData([ActivityTrigger] RunRequest request, FunctionContext context) =>
        checkRawData.RunAsync(request, context?.CancellationToken ?? default);

    [Function(nameof(FindStaleCanonicalHoursActivity))]
    public Task<StaleCanonicalHours> FindStaleCanonicalHours([ActivityTrigger] RunRequest request, FunctionContext context) =>
        findStaleCanonicalHours.RunAsync(request, context?.CancellationToken ?? default);

    [Function(nameof(RebuildCanonicalHourActivity))]
    public Task<HourRebuild> RebuildCanonicalHour([ActivityTrigger] CanonicalHourRequest request, FunctionContext context) =>
        rebuildCanonicalHour.RunAsync(request, context?.CancellationToken ?? default);

    [Function(nameof(SubmitJobActivity))]
    public Task<string> SubmitJob([ActivityTrigger] RunRequest request, FunctionContext context) =>
        submitJob.RunAsync(request, context?.CancellationToken ?? default);

    [Function(nameof(GetJobStatusActivity))]
    public Task<EtlJobStatus> GetJobStatus([ActivityTrigger] string jobId, FunctionContext context) =>
        getJobStatus.RunAsync(jobId, context?.CancellationToken ?? default);

    [Function(nameof(TerminateJobActivity))]
    public Task TerminateJob([ActivityTrigger] TerminateJobRequest request, FunctionContext context) =>
        terminateJob.RunAsync(request, context?.CancellationToken ?? default);

    [Function(nameof(CheckProcessedDataActivity))]
    public Task<ProcessedDataReport> CheckProcessedData([ActivityTrigger] RunRequest request, FunctionContext context) =>
        checkProcessedData.RunAsync(request, context?.CancellationToken ?? default);

    [Function(nameof(PublishOutputsActivity))]
    public Task<PublishReport> PublishOutputs([ActivityTrigger] RunRequest request, FunctionContext context) =>
        publishOutputs.RunAsync(request, context?.CancellationToken ?? default);
}
