using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TrendingTv.Dags.Hosting;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Triggers;

/// <summary>
/// <c>GET /api/runs/{dataset}/{date}</c>, for every host: the run's runtime status, custom status (step, job
/// id, last engine state) and failure reason; 400 for a bad dataset or date, 404 for a run never started, 503 with
/// the reason when the durable backend cannot read the run (logged with its details). A status query only: it
/// never writes.
/// </summary>
public static class RunStatusTrigger
{
    /// <summary>The status URL of a run under <paramref name="baseUrl"/>.</summary>
    public static string Url(string baseUrl, Dataset dataset, DateOnly date) =>
        $"{baseUrl.TrimEnd('/')}/api/runs/{dataset.Name()}/{LakeLayout.Iso(date)}";

    public static async Task<TriggerResponse> GetAsync(DurableTaskClient client, string dataset, string date, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var problems = new List<string>();
        if (!DatasetNames.TryParse(dataset, out var parsedDataset))
        {
            problems.Add($"'{dataset}' is not a dataset; expected 'tweet' or 'tmdb'.");
        }

        DateOnly parsedDate = default;
        try
        {
            parsedDate = LakeLayout.ParseIsoDate(date);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
        }

        if (problems.Count > 0)
        {
            return TriggerResponse.Problems(HttpStatusCode.BadRequest, "The run is not valid.", problems);
        }

        var runId = DagInstanceIds.Run(parsedDataset, parsedDate);
        OrchestrationMetadata? instance;
        try
        {
            instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger?.LogWarning(e, "The durable backend could not read run {RunId}", runId);
            return new TriggerResponse(HttpStatusCode.ServiceUnavailable, new { id = runId, error = $"The durable backend could not read run {runId}: {e.Message}" });
        }

        if (instance is null)
        {
            return new TriggerResponse(HttpStatusCode.NotFound, new { id = runId, error = $"No run {runId} has been started." });
        }

        return new TriggerResponse(
            HttpStatusCode.OK,
            new
            {
                id = runId,
                dataset = parsedDataset.Name(),
                date = LakeLayout.Iso(parsedDate),
                runtimeStatus = instance.RuntimeStatus.ToString(),
                createdAt = instance.CreatedAt,
                lastUpdatedAt = instance.LastUpdatedAt,
                customStatus = ParseJson(instance.SerializedCustomStatus),
                failure = instance.FailureDetails is { } failure
                    ? new { type = (string?)failure.ErrorType, message = failure.ErrorMessage }
                    : instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? new { type = (string?)null, message = DagRunResult.Unquoted(instance.SerializedOutput) ?? "no reason recorded" } : null,
                output = ParseJson(instance.SerializedOutput),
            });
    }

    /// <summary>A serialized payload as JSON (a string when it is not JSON), or null.</summary>
    public static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
