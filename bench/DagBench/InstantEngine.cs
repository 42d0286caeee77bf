using TrendingTv.Activities.Engines;

namespace TrendingTv.DagBench;

/// <summary>An engine whose jobs are done as soon as they are submitted: all measured time is orchestration.</summary>
internal sealed class InstantEngine : IEtlEngine
{
    public Task<string> SubmitAsync(EtlJobRequest request, CancellationToken cancellationToken = default) => Task.FromResult($"job-{request.RunId}");

    public Task<EtlJobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new EtlJobStatus(jobId, EtlJobState.Succeeded, "COMPLETED"));

    public Task TerminateAsync(string jobId, string reason, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
