using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using TrendingTv.Dags.Triggers;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary>
/// <c>POST /api/backfill</c> with <c>{"from", "to", "datasets"}</c>: the shared <see cref="BackfillTrigger"/>
/// (202 with status URLs; 400 with every problem, unknown fields and oversized bodies included; 409 when the
/// same backfill or one of its runs is in progress), with the Functions host's durable webhooks as status URLs.
/// </summary>
public sealed class BackfillHttpTrigger(BackfillTrigger trigger)
{
    [Function(nameof(StartBackfill))]
    public async Task<HttpResponseData> StartBackfill(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "backfill")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var cancellationToken = context?.CancellationToken ?? default;
        var answer = await trigger.StartAsync(request.Body, client, new FunctionsInstanceUrls(client, request), cancellationToken);
        return await HttpJson.WriteAsync(request, answer, cancellationToken);
    }
}
