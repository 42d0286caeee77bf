using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Functions.Worker.Http;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary>JSON responses (camelCase) written directly, so the status code set is the one sent.</summary>
internal static class HttpJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<HttpResponseData> WriteAsync(HttpRequestData request, HttpStatusCode status, object body, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(JsonSerializer.Serialize(body, body.GetType(), Options), cancellationToken);
        return response;
    }

    /// <summary>The app's base URL as the caller reached it, e.g. <c>https://app.azurewebsites.net</c>.</summary>
    public static string BaseUrl(HttpRequestData request) => request.Url.GetLeftPart(UriPartial.Authority);
}
