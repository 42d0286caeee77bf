using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace TrendingTv.Activities.Emr;

/// <summary>
/// A small Amazon EMR client speaking AWS JSON 1.1 (<c>POST /</c> with <c>X-Amz-Target: ElasticMapReduce.&lt;Op&gt;</c>),
/// in place of AWSSDK.ElasticMapReduce (not served here). Its methods mirror the API
/// (https://docs.aws.amazon.com/emr/latest/APIReference/). Signing (SigV4) and retries are handlers of
/// the <see cref="HttpClient"/> it is given (see <c>ActivitiesServiceCollectionExtensions</c>); error
/// answers become <see cref="EmrServiceException"/>.
/// </summary>
public sealed partial class EmrClient(HttpClient http, ILogger<EmrClient> logger)
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetHeader = "X-Amz-Target";
    public const string TargetPrefix = "ElasticMapReduce.";

    /// <summary>Request option read by the retry handler: whether a 5xx or a broken connection may be retried.</summary>
    public static readonly HttpRequestOptionsKey<bool> RetryServerErrorsOption = new("TrendingTv.Emr.RetryServerErrors");

    /// <summary>Request option naming the operation, for log and error messages of the handlers.</summary>
    public static readonly HttpRequestOptionsKey<string> OperationOption = new("TrendingTv.Emr.Operation");

    /// <summary>Starts a cluster; returns its id (<c>j-…</c>). <paramref name="request"/> is the RunJobFlow body.</summary>
    public async Task<string> RunJobFlowAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Not idempotent: a 5xx may hide a started cluster, so only throttling (never executed) is retried here;
        // the engine's look-up by cluster name covers the rest.
        using var response = await SendAsync("RunJobFlow", request, retryServerErrors: false, cancellationToken);
        return RequiredString(response.RootElement, "JobFlowId", "RunJobFlow");
    }

    public async Task<EmrCluster> DescribeClusterAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        using var response = await SendAsync("DescribeCluster", new JsonObject { ["ClusterId"] = clusterId }, retryServerErrors: true, cancellationToken);
        return response.RootElement.TryGetProperty("Cluster", out var cluster)
            ? ReadCluster(cluster)
            : throw new InvalidDataException($"EMR DescribeCluster answered for cluster {clusterId} without a Cluster object.");
    }

    /// <summary>Every step of the cluster (all pages), most recent first, as EMR lists them.</summary>
    public async Task<IReadOnlyList<EmrStep>> ListStepsAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var steps = new List<EmrStep>();
        string? marker = null;
        do
        {
            var body = new JsonObject { ["ClusterId"] = clusterId };
            if (marker is not null)
            {
                body["Marker"] = marker;
            }

            using var response = await SendAsync("ListSteps", body, retryServerErrors: true, cancellationToken);
            if (response.RootElement.TryGetProperty("Steps", out var items))
            {
                steps.AddRange(items.EnumerateArray().Select(ReadStep));
            }

            marker = OptionalString(response.RootElement, "Marker");
        }
        while (!string.IsNullOrEmpty(marker));

        return steps;
    }

    /// <summary>Every cluster in one of <paramref name="states"/> (all pages).</summary>
    public async Task<IReadOnlyList<EmrCluster>> ListClustersAsync(IEnumerable<string> states, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        var stateArray = new JsonArray([.. states.Select(s => JsonValue.Create(s))]);
        var clusters = new List<EmrCluster>();
        string? marker = null;
        do
        {
            var body = new JsonObject { ["ClusterStates"] = stateArray.DeepClone() };
            if (marker is not null)
            {
                body["Marker"] = marker;
            }

            using var response = await SendAsync("ListClusters", body, retryServerErrors: true, cancellationToken);
            if (response.RootElement.TryGetProperty("Clusters", out var items))
            {
                clusters.AddRange(items.EnumerateArray().Select(ReadCluster));
            }

            marker = OptionalString(response.RootElement, "Marker");
        }
        while (!string.IsNullOrEmpty(marker));

        return clusters;
    }

    /// <summary>Shuts clusters down; EMR accepts ids of clusters that already ended.</summary>
    public async Task TerminateJobFlowsAsync(IEnumerable<string> clusterIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clusterIds);
        var ids = new JsonArray([.. clusterIds.Select(s => JsonValue.Create(s))]);
        using var _ = await SendAsync("TerminateJobFlows", new JsonObject { ["JobFlowIds"] = ids }, retryServerErrors: true, cancellationToken);
    }

    /// <summary>True when an answer should be retried: throttling always; 5xx when the request allows it.</summary>
    public static async ValueTask<bool> IsTransientAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        var retryServerErrors = response.RequestMessage is null
            || !response.RequestMessage.Options.TryGetValue(RetryServerErrorsOption, out var allowed)
            || allowed;
        if ((int)response.StatusCode >= 500)
        {
            return retryServerErrors;
        }

        // EMR throttles with HTTP 400 and __type ThrottlingException; buffer the body so the caller can still read it.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var (code, _) = ReadError(await response.Content.ReadAsStringAsync(cancellationToken));
        return EmrServiceException.IsThrottlingCode(code);
    }

    private async Task<JsonDocument> SendAsync(string operation, JsonObject body, bool retryServerErrors, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation(TargetHeader, TargetPrefix + operation);
        request.Content = new ByteArrayContent(payload);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Options.Set(RetryServerErrorsOption, retryServerErrors);
        request.Options.Set(OperationOption, operation);
        LogCall(logger, operation);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = ReadError(text);
            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            throw new EmrServiceException(
                operation,
                response.StatusCode,
                code ?? $"Http{(int)response.StatusCode}",
                message ?? (text.Length == 0 ? response.ReasonPhrase ?? "no message" : Truncate(text)),
                requestId);
        }

        try
        {
            return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"EMR {operation} answered HTTP {(int)response.StatusCode} with a body that is not JSON: {Truncate(text)}", e);
        }
    }

    /// <summary>AWS JSON errors: <c>{"__type": "ns#Code", "message": "…"}</c> (some services write <c>Message</c>).</summary>
    private static (string? Code, string? Message) ReadError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var type = OptionalString(document.RootElement, "__type");
            var code = type?[(type.LastIndexOf('#') + 1)..];
            var message = OptionalString(document.RootElement, "message") ?? OptionalString(document.RootElement, "Message");
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static EmrCluster ReadCluster(JsonElement cluster)
    {
        var status = cluster.TryGetProperty("Status", out var s) ? s : default;
        var reason = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("StateChangeReason", out var r) ? r : default;
        return new EmrCluster(
            RequiredString(cluster, "Id", "cluster"),
            OptionalString(cluster, "Name") ?? string.Empty,
            status.ValueKind == JsonValueKind.Object ? OptionalString(status, "State") ?? "UNKNOWN" : "UNKNOWN",
            reason.ValueKind == JsonValueKind.Object ? OptionalString(reason, "Code") : null,
            reason.ValueKind == JsonValueKind.Object ? OptionalString(reason, "Message") : null);
    }

    private static EmrStep ReadStep(JsonElement step)
    {
        var status = step.TryGetProperty("Status", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        JsonElement Child(string name) =>
            status.ValueKind == JsonValueKind.Object && status.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : default;
        var failure = Child("FailureDetails");
        var reason = Child("StateChangeReason");
        return new EmrStep(
            RequiredString(step, "Id", "step"),
            OptionalString(step, "Name") ?? string.Empty,
            status.ValueKind == JsonValueKind.Object ? OptionalString(status, "State") ?? "UNKNOWN" : "UNKNOWN",
            failure.ValueKind == JsonValueKind.Object ? OptionalString(failure, "Reason") : null,
            failure.ValueKind == JsonValueKind.Object ? OptionalString(failure, "Message") : null,
            failure.ValueKind == JsonValueKind.Object ? OptionalString(failure, "LogFile") : null,
            reason.ValueKind == JsonValueKind.Object ? OptionalString(reason, "Message") : null);
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string RequiredString(JsonElement element, string name, string what) =>
        OptionalString(element, name) ?? throw new InvalidDataException($"EMR answer: {what} has no string '{name}'.");

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [LoggerMessage(Level = LogLevel.Debug, Message = "EMR call {Operation}")]
    private static partial void LogCall(ILogger logger, string operation);
}
