using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.Dags.Backfill;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Options;
using TrendingTv.Dags.Orchestrations;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary>
/// <c>POST /api/backfill</c> with <c>{"from", "to", "datasets"}</c>: validates the range, then starts one
/// backfill orchestration that runs the daily DAGs as sub-orchestrations, and answers 202 with its status
/// URLs and each run's status URL. 400 with every problem of a bad request; 409 when the same backfill or
/// one of its runs is already in progress.
/// </summary>
public sealed class BackfillHttpTrigger(BackfillRequestValidator validator, IOptions<DagOptions> options, ILogger<BackfillHttpTrigger> logger)
{
    private const int ParallelLookups = 8;

    [Function(nameof(StartBackfill))]
    public async Task<HttpResponseData> StartBackfill(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "backfill")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var cancellationToken = context?.CancellationToken ?? default;

        var body = await request.ReadAsStringAsync();
        var validation = validator.ValidateJson(body);
        if (!validation.IsValid)
        {
            return await HttpJson.WriteAsync(request, HttpStatusCode.BadRequest, new { error = "The backfill request is not valid.", problems = validation.Errors }, cancellationToken);
        }

        var plan = validation.Plan;
        var backfillId = plan.BackfillId;
        var existing = await client.GetInstanceAsync(backfillId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && RunStarter.IsActive(existing.RuntimeStatus))
        {
            return await HttpJson.WriteAsync(
                request,
                HttpStatusCode.Conflict,
                new { error = $"Backfill {backfillId} is already {existing.RuntimeStatus.ToString().ToLowerInvariant()}; it was not started again.", id = backfillId, management = client.CreateHttpManagementPayload(backfillId, request) },
                cancellationToken);
        }

        var busy = await RunsInProgressAsync(client, plan, cancellationToken);
        if (busy.Count > 0)
        {
            return await HttpJson.WriteAsync(
                request,
                HttpStatusCode.Conflict,
                new { error = $"{busy.Count} run(s) of the range are in progress: {string.Join(", ", busy)}. Wait for them to finish, or leave their dates out.", runs = busy },
                cancellationToken);
        }

        var settings = options.Value;
        var input = new BackfillInput(plan.From, plan.To, plan.Datasets, settings.BackfillConcurrency, settings.BackfillRunsPerGeneration, settings.ToSettings());
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(BackfillOrchestrator), input, new StartOrchestrationOptions(backfillId), cancellationToken);
        logger.LogInformation("Started backfill {BackfillId} of {Runs} runs", backfillId, plan.RunCount);

        var management = JsonSerializer.SerializeToElement(client.CreateHttpManagementPayload(backfillId, request), HttpJson.Options);
        var statusUri = management.GetProperty("statusQueryGetUri").GetString()!;
        var baseUrl = HttpJson.BaseUrl(request);
        var response = await HttpJson.WriteAsync(
            request,
            HttpStatusCode.Accepted,
            new
            {
                id = backfillId,
                from = LakeLayout.Iso(plan.From),
                to = LakeLayout.Iso(plan.To),
                datasets = plan.Datasets.Select(d => d.Name()),
                concurrency = settings.BackfillConcurrency,
                statusQueryGetUri = statusUri,
                management,
                runs = plan.Runs().Select(r => new { id = r.RunId, statusUri = $"{baseUrl}/api/runs/{r.Dataset.Name()}/{LakeLayout.Iso(r.Date)}" }),
            },
            cancellationToken);
        response.Headers.Add("Location", statusUri);
        return response;
    }

    /// <summary>The plan's daily runs that are pending or running now (starting them as sub-orchestrations would collide).</summary>
    private static async Task<List<string>> RunsInProgressAsync(DurableTaskClient client, BackfillPlan plan, CancellationToken cancellationToken)
    {
        var busy = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            plan.Runs(),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelLookups, CancellationToken = cancellationToken },
            async (run, ct) =>
            {
                var instance = await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: false, ct);
                if (instance is not null && RunStarter.IsActive(instance.RuntimeStatus))
                {
                    busy.Add(run.RunId);
                }
            });
        return [.. busy.Order(StringComparer.Ordinal)];
    }
}
