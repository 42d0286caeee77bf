using System.Net;
using System.Text.Json;

namespace TrendingTv.Dags.Triggers;

/// <summary>
/// What an HTTP trigger answers, independent of the host that sends it (the Functions app or <c>serve</c>):
/// the status code, the JSON body and, for a started backfill, the <c>Location</c> header.
/// </summary>
public sealed record TriggerResponse(HttpStatusCode StatusCode, object Body, string? Location = null)
{
    /// <summary>The body as JSON text (<see cref="TriggerJson.Options"/>).</summary>
    public string BodyJson => JsonSerializer.Serialize(Body, Body.GetType(), TriggerJson.Options);

    /// <summary>An error response: <c>{"error": …, "problems": […]}</c>.</summary>
    public static TriggerResponse Problems(HttpStatusCode status, string error, IReadOnlyList<string> problems) =>
        new(status, new { error, problems });
}
