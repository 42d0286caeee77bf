using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TrendingTv.Dags.Triggers;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary><c>GET /api/runs/{dataset}/{date}</c>: the shared <see cref="RunStatusTrigger"/> (runtime status, custom status, failure reason).</summary>
/// <param name="logger">Where a run the backend cannot read is logged (the Functions host injects it).</param>
public sealed class RunStatusHttpTrigger(ILogger<RunStatusHttpTrigger>? logger = null)
{
    [Function(nameof(GetRunStatus))]
    public async Task<HttpResponseData> GetRunStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{dataset}/{date}")] HttpRequestData request,
        string dataset,
        string date,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var cancellationToken = context?.CancellationToken ?? default;
        return await HttpJson.WriteAsync(request, await RunStatusTrigger.GetAsync(client, dataset, date, logger, cancellationToken), cancellationToken);
    }
}
