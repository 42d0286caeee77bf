using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using TrendingTv.Dags;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Orchestrations.Triggers;

/// <summary><c>GET /api/runs/{dataset}/{date}</c>: the run's runtime status, custom status (step, job id, last state) and failure reason.</summary>
public sealed class RunStatusHttpTrigger
{
    [Function(nameof(GetRunStatus))]
    public async Task<HttpResponseData> GetRunStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{dataset}/{date}")] HttpRequestData request,
        string dataset,
        string date,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var cancellationToken = context?.CancellationToken ?? default;

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
            return await HttpJson.WriteAsync(request, HttpStatusCode.BadRequest, new { error = "The run is not valid.", problems }, cancellationToken);
        }

        var runId = DagInstanceIds.Run(parsedDataset, parsedDate);
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return await HttpJson.WriteAsync(request, HttpStatusCode.NotFound, new { id = runId, error = $"No run {runId} has been started." }, cancellationToken);
        }

        return await HttpJson.WriteAsync(
            request,
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
                failure = instance.FailureDetails is { } failure ? new { type = failure.ErrorType, message = failure.ErrorMessage } : null,
                output = ParseJson(instance.SerializedOutput),
            },
            cancellationToken);
    }

    private static JsonElement? ParseJson(string? json)
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
