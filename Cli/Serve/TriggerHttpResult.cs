using Microsoft.AspNetCore.Http;
using TrendingTv.Dags.Triggers;

namespace TrendingTv.Cli.Serve;

/// <summary>A shared trigger's answer sent as serve's HTTP response: its status code, JSON body and <c>Location</c>.</summary>
internal sealed class TriggerHttpResult(TriggerResponse answer) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = (int)answer.StatusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        if (answer.Location is not null)
        {
            httpContext.Response.Headers.Location = answer.Location;
        }

        await httpContext.Response.WriteAsync(answer.BodyJson, httpContext.RequestAborted);
    }
}
