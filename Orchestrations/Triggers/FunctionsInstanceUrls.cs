using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using TrendingTv.Dags.Triggers;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary>The Functions host's durable webhooks for an instance (<c>CreateHttpManagementPayload</c>), as the caller reached the app.</summary>
internal sealed class FunctionsInstanceUrls(DurableTaskClient client, HttpRequestData request) : IInstanceUrls
{
    public string BaseUrl => HttpJson.BaseUrl(request);

    public JsonElement Management(string instanceId) =>
        JsonSerializer.SerializeToElement(client.CreateHttpManagementPayload(instanceId, request), TriggerJson.Options);
}
