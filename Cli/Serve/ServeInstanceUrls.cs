using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TrendingTv.Dags.Triggers;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// serve's own management URLs for an instance, in the Functions app's shape
/// (<c>/runtime/webhooks/durabletask/instances/{id}</c> and its <c>terminate</c>, <c>suspend</c>, <c>resume</c>,
/// purge), as the caller reached serve. They need the API key like every <c>/runtime/</c> endpoint; the key is
/// not put into the URLs.
/// </summary>
internal sealed class ServeInstanceUrls(HttpRequest request) : IInstanceUrls
{
    public const string InstancesRoute = "/runtime/webhooks/durabletask/instances";

    public string BaseUrl => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public JsonElement Management(string instanceId)
    {
        var instance = $"{BaseUrl}{InstancesRoute}/{Uri.EscapeDataString(instanceId)}";
        return JsonSerializer.SerializeToElement(
            new
            {
                id = instanceId,
                statusQueryGetUri = instance,
                terminatePostUri = instance + "/terminate?reason={text}",
                suspendPostUri = instance + "/suspend?reason={text}",
                resumePostUri = instance + "/resume?reason={text}",
                purgeHistoryDeleteUri = instance,
            },
            TriggerJson.Options);
    }
}
