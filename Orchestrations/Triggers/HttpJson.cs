using Microsoft.Azure.Functions.Worker.Http;
using TrendingTv.Dags.Triggers;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary>Sends a <see cref="TriggerResponse"/> as the Functions HTTP response (JSON written directly, so the status code set is the one sent).</summary>
internal static class HttpJson
{
    public static async Task<HttpResponseData> WriteAsync(HttpRequestData request, TriggerResponse answer, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(answer.StatusCode);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        if (answer.Location is not null)
        {
            response.Headers.Add("Location", answer.Location);
        }

        await response.WriteStringAsync(answer.BodyJson, cancellationToken);
        return response;
    }

    /// <summary>The app's base URL as the caller reached it, e.g. <c>https://app.azurewebsites.net</c>.</summary>
    public static string BaseUrl(HttpRequestData request) => request.Url.GetLeftPart(UriPartial.Authority);
}
