using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.Dags.Backfill;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Options;
using TrendingTv.Dags.Orchestrations;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Triggers;

/// <summary>
/// <c>POST /api/backfill</c> with <c>{"from", "to", "datasets"}</c>, for every host: validates the body (at
/// most <see cref="BackfillRequestValidator.MaxBodyBytes"/> bytes, known fields only), then starts one backfill
/// orchestration that runs the daily DAGs as sub-orchestrations, and answers 202 with its status URLs and each
/// run's status URL. 400 with every problem of a bad request; 409 when the same backfill or one of its runs is
/// already in progress.
/// </summary>
public sealed partial class BackfillTrigger(BackfillRequestValidator validator, IOptions<DagOptions> options, ILogger<BackfillTrigger> logger)
{
    private const int ParallelLookups = 8;
    private const string Invalid = "The backfill request is not valid.";

    /// <summary>Reads the request body (refusing one over the limit without reading it all) and handles it.</summary>
    public async Task<TriggerResponse> StartAsync(Stream body, DurableTaskClient client, IInstanceUrls urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = await ReadLimitedAsync(body, cancellationToken);
        return text is null
            ? TriggerResponse.Problems(HttpStatusCode.BadRequest, Invalid, [BackfillRequestValidator.TooLarge])
            : await StartAsync(text, client, urls, cancellationToken);
    }

    /// <summary>Validates the body and starts the backfill.</summary>
    public async Task<TriggerResponse> StartAsync(string body, DurableTaskClient client, IInstanceUrls urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(urls);
        var validation = validator.ValidateJson(body);
        if (!validation.IsValid)
        {
            return TriggerResponse.Problems(HttpStatusCode.BadRequest, Invalid, validation.Errors);
        }

        var plan = validation.Plan;
        var backfillId = plan.BackfillId;
        var existing = await client.GetInstanceAsync(backfillId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && RunStarter.IsActive(existing.RuntimeStatus))
        {
            return new TriggerResponse(
                HttpStatusCode.Conflict,
                new { error = $"Backfill {backfillId} is already {existing.RuntimeStatus.ToString().ToLowerInvariant()}; it was not started again.", id = backfillId, management = urls.Management(backfillId) });
        }

        var busy = await RunsInProgressAsync(client, plan, cancellationToken);
        if (busy.Count > 0)
        {
            return new TriggerResponse(
                HttpStatusCode.Conflict,
                new { error = $"{busy.Count} run(s) of the range are in progress: {string.Join(", ", busy)}. Wait for them to finish, or leave their dates out.", runs = busy });
        }

        var settings = options.Value;
        var input = new BackfillInput(plan.From, plan.To, plan.Datasets, settings.BackfillConcurrency, settings.BackfillRunsPerGeneration, settings.ToSettings());
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(BackfillOrchestrator), input, new StartOrchestrationOptions(backfillId), cancellationToken);
        LogStarted(logger, backfillId, plan.RunCount);

        var management = urls.Management(backfillId);
        var statusUri = management.GetProperty("statusQueryGetUri").GetString()!;
        return new TriggerResponse(
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
                runs = plan.Runs().Select(r => new { id = r.RunId, statusUri = RunStatusTrigger.Url(urls.BaseUrl, r.Dataset, r.Date) }),
            },
            statusUri);
    }

    /// <summary>The body as text, or null when it is larger than the limit.</summary>
    private static async Task<string?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[BackfillRequestValidator.MaxBodyBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read > BackfillRequestValidator.MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>The plan's daily runs that are pending or running now (starting them as sub-orchestrations would collide).</summary>
    private static async Task<List<string>> RunsInProgressAsync(DurableTaskClient client, BackfillPlan plan, CancellationToken cancellationToken)
    {
        var busy = new ConcurrentBag<string>();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Started backfill {BackfillId} of {Runs} runs")]
    private static partial void LogStarted(ILogger logger, string backfillId, int runs);
}
