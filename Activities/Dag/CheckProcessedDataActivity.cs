namespace TrendingTv.Activities.Dag;

/// <summary>DAG step 4: the date's partition exists and its rows pass the sanity checks. The orchestrator fails the run on problems.</summary>
public sealed class CheckProcessedDataActivity(IProcessedDataValidator validator)
{
    public Task<ProcessedDataReport> RunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return validator.ValidateAsync(request.Dataset, request.Date, cancellationToken);
    }
}
