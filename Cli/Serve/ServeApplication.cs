using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using TrendingTv.Cli.Reports;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Triggers;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// serve's web application over a started DAG host: the Functions app's HTTP API (<c>POST /api/backfill</c>,
/// <c>GET /api/runs/{dataset}/{date}</c>, the durable management webhooks) behind the API key, the report at
/// <c>/</c>, <c>/healthz</c> and <c>/metrics</c> (every meter of the process, Prometheus text format), and
/// the background work (<see cref="ServeWorker"/>).
/// </summary>
internal static class ServeApplication
{
    private const string Unauthorized = "A key is required: send it in the x-functions-key header or the code query parameter.";

    public static WebApplication Build(ServeOptions options, ServeApiKey key, EmbeddedDagHost dags, IServiceProvider pipeline, string backendDescription)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "trendingtv-serve" });
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(pipeline.GetRequiredService<ILoggerFactory>());
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("*").AddPrometheusExporter());

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton(dags.Client);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(pipeline.GetRequiredService<BackfillTrigger>());
        builder.Services.AddSingleton(pipeline.GetRequiredService<DailyRunTrigger>());
        builder.Services.AddSingleton(pipeline.GetRequiredService<IOptions<ScheduleOptions>>().Value);
        builder.Services.AddSingleton(pipeline.GetRequiredService<IObjectStore>());
        builder.Services.AddSingleton(pipeline.GetRequiredService<IOptions<TrendingOptions>>().Value);
        builder.Services.AddSingleton<DagMetrics>();
        builder.Services.AddSingleton<DagRunMonitor>();
        builder.Services.AddSingleton<ServedReport>();
        builder.Services.AddSingleton<DailySchedules>();
        builder.Services.AddHostedService<ServeWorker>();

        var app = builder.Build();
        app.MapGet("/", (ServedReport report, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(report.Page.Html, "text/html; charset=utf-8");
        });
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet("/healthz", (DurableTaskClient client, ServedReport report, CancellationToken ct) => HealthAsync(client, report, backendDescription, ct));
        app.MapPrometheusScrapingEndpoint("/metrics");

        var api = app.MapGroup("/api").AddEndpointFilter(RequireKey);
        api.MapPost("/backfill", async (HttpRequest request, BackfillTrigger trigger, DurableTaskClient client, CancellationToken ct) =>
            new TriggerHttpResult(await trigger.StartAsync(request.Body, client, new ServeInstanceUrls(request), ct)));
        api.MapGet("/runs/{dataset}/{date}", async (string dataset, string date, DurableTaskClient client, ILoggerFactory logs, CancellationToken ct) =>
            new TriggerHttpResult(await RunStatusTrigger.GetAsync(client, dataset, date, logs.CreateLogger(typeof(RunStatusTrigger)), ct)));
        InstanceEndpoints.Map(app).AddEndpointFilter(RequireKey);
        return app;
    }

    /// <summary>The Functions key rule: the key in the <c>x-functions-key</c> header or the <c>code</c> query parameter, else 401.</summary>
    private static async ValueTask<object?> RequireKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var key = context.HttpContext.RequestServices.GetRequiredService<ServeApiKey>();
        var given = request.Headers.TryGetValue(ServeApiKey.HeaderName, out var header) ? header.ToString() : request.Query[ServeApiKey.QueryName].ToString();
        return key.Matches(given)
            ? await next(context)
            : new TriggerHttpResult(new TriggerResponse(HttpStatusCode.Unauthorized, new { error = Unauthorized }));
    }

    private static async Task<IResult> HealthAsync(DurableTaskClient client, ServedReport report, string backend, CancellationToken cancellationToken)
    {
        var page = report.Page;
        var reportState = new
        {
            from = page.From,
            to = page.To,
            builtAt = page.BuiltAt,
            problem = page.Problem,
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await client.GetInstanceAsync("healthz-probe", getInputsAndOutputs: false, timeout.Token);
            return new TriggerHttpResult(new TriggerResponse(HttpStatusCode.OK, new { status = "ok", backend, report = reportState }));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new TriggerHttpResult(new TriggerResponse(
                HttpStatusCode.ServiceUnavailable, new { status = "unavailable", backend, error = $"The durable backend does not answer: {e.Message}", report = reportState }));
        }
    }
}
