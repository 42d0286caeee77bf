using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TrendingTv.Fixtures.Emr;

/// <summary>
/// A stand-in for the Amazon EMR API on 127.0.0.1 (AWS JSON 1.1, <c>POST /</c>). It checks every request
/// like AWS does: the <c>X-Amz-Target</c> header, the content type and the SigV4 signature, recomputed
/// here independently with the known test credentials (a failure answers 403
/// <c>InvalidSignatureException</c> and is recorded). It records each call, implements RunJobFlow,
/// DescribeCluster, ListSteps, ListClusters and TerminateJobFlows over scripted cluster state
/// sequences, and can inject error answers (throttling, 5xx) ahead of an operation.
/// </summary>
public sealed class FakeEmrServer : IAsyncDisposable
{
    public const string AccessKey = "AKIDFAKEEMRTEST";
    public const string SecretKey = "fake/secret/KEY+for+the+emr+stub";
    public const string Region = "eu-west-1";
    public const string Service = "elasticmapreduce";

    private static readonly string[] Operations = ["RunJobFlow", "DescribeCluster", "ListSteps", "ListClusters", "TerminateJobFlows"];
    private readonly Lock _gate = new();
    private readonly List<RecordedEmrCall> _calls = [];
    private readonly List<FakeCluster> _clusters = [];
    private readonly Queue<IReadOnlyList<FakeEmrClusterState>> _scripts = new();
    private readonly List<(string Operation, int Status, string Type, string Message)> _faults = [];
    private readonly List<string> _terminated = [];
    private readonly string? _sessionToken;
    private WebApplication? _app;
    private int _nextId = 1;

    private FakeEmrServer(string? sessionToken) => _sessionToken = sessionToken;

    /// <summary>The endpoint to give the client (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Clusters per ListClusters page and steps per ListSteps page (small values exercise paging).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>The state sequence of clusters started without a queued script: running for ever.</summary>
    public IReadOnlyList<FakeEmrClusterState> DefaultScript { get; set; } =
        [FakeEmrClusterState.Of("STARTING"), FakeEmrClusterState.Of("RUNNING", FakeEmrStep.Running)];

    public IReadOnlyList<RecordedEmrCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The bodies of the RunJobFlow calls that started a cluster.</summary>
    public IReadOnlyList<JsonObject> RunJobFlowBodies => [.. Calls.Where(c => c is { Operation: "RunJobFlow", StatusCode: 200 }).Select(c => c.Body!.AsObject())];

    public IReadOnlyList<string> TerminatedClusterIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _terminated];
            }
        }
    }

    /// <summary>Starts the server. With <paramref name="sessionToken"/>, requests must carry and sign it as <c>X-Amz-Security-Token</c>.</summary>
    public static async Task<FakeEmrServer> StartAsync(string? sessionToken = null)
    {
        var server = new FakeEmrServer(sessionToken);
        var (app, baseAddress) = await LoopbackHttpApp.StartAsync(a => a.MapPost("/", server.HandleAsync));
        server._app = app;
        server.ServiceUrl = baseAddress;
        return server;
    }

    /// <summary>The state sequence of the next cluster RunJobFlow starts.</summary>
    public void EnqueueScript(params FakeEmrClusterState[] states)
    {
        lock (_gate)
        {
            _scripts.Enqueue(states);
        }
    }

    /// <summary>A cluster that exists before the test (started by someone else, or by a crashed attempt); returns its id.</summary>
    public string AddCluster(string name, params FakeEmrClusterState[] states)
    {
        lock (_gate)
        {
            var cluster = new FakeCluster(NewId("j-"), name, states, ["existing step"]);
            cluster.StepIds.Add(NewId("s-"));
            _clusters.Add(cluster);
            return cluster.Id;
        }
    }

    /// <summary>Answers the next <paramref name="count"/> calls of <paramref name="operation"/> with an error (before any other check).</summary>
    public void InjectError(string operation, int statusCode, string errorType, string message, int count = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Add((operation, statusCode, errorType, message));
            }
        }
    }

    public int CallCount(string operation) => Calls.Count(c => c.Operation == operation);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith("ElasticMapReduce.", StringComparison.Ordinal) ? target["ElasticMapReduce.".Length..] : target;
        JsonNode? json = null;
        try
        {
            json = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            // answered below
        }

        var problem = VerifySignature(context.Request, body);
        int status;
        JsonObject answer;
        lock (_gate)
        {
            var fault = _faults.FindIndex(f => f.Operation == operation);
            if (fault >= 0)
            {
                var (_, faultStatus, type, message) = _faults[fault];
                _faults.RemoveAt(fault);
                (status, answer) = (faultStatus, Error(type, message));
            }
            else if (!Operations.Contains(operation))
            {
                (status, answer) = (400, Error("UnknownOperationException", $"X-Amz-Target '{target}' is not an EMR operation."));
            }
            else if (context.Request.ContentType != "application/x-amz-json-1.1")
            {
                (status, answer) = (400, Error("SerializationException", $"Content-Type '{context.Request.ContentType}' is not application/x-amz-json-1.1."));
            }
            else if (problem is not null)
            {
                (status, answer) = (403, Error("InvalidSignatureException", problem));
            }
            else if (json is not JsonObject request)
            {
                (status, answer) = (400, Error("SerializationException", "The body is not a JSON object."));
            }
            else
            {
                (status, answer) = Execute(operation, request);
            }

            _calls.Add(new RecordedEmrCall(operation, json, problem, status));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private (int Status, JsonObject Answer) Execute(string operation, JsonObject request)
    {
        switch (operation)
        {
            case "RunJobFlow":
                var name = request["Name"]?.GetValue<string>();
                if (string.IsNullOrEmpty(name) || request["Instances"] is null || request["ReleaseLabel"] is null)
                {
                    return (400, Error("ValidationException", "Name, Instances and ReleaseLabel are required."));
                }

                var stepNames = request["Steps"]?.AsArray().Select(s => s?["Name"]?.GetValue<string>() ?? "step").ToList() ?? [];
                var script = _scripts.Count > 0 ? _scripts.Dequeue() : DefaultScript;
                var cluster = new FakeCluster(NewId("j-"), name, script, stepNames);
                cluster.StepIds.AddRange(stepNames.Select(_ => NewId("s-")));
                _clusters.Add(cluster);
                return (200, new JsonObject { ["JobFlowId"] = cluster.Id, ["ClusterArn"] = $"arn:aws:elasticmapreduce:{Region}:123456789012:cluster/{cluster.Id}" });

            case "DescribeCluster":
                if (Find(request["ClusterId"]) is not { } described)
                {
                    return UnknownCluster(request["ClusterId"]);
                }

                described.Advance();
                return (200, new JsonObject { ["Cluster"] = ClusterJson(described) });

            case "ListSteps":
                if (Find(request["ClusterId"]) is not { } listed)
                {
                    return UnknownCluster(request["ClusterId"]);
                }

                var steps = listed.StepIds.Select((id, i) => StepJson(listed, i)).Reverse().ToList();
                return (200, Page("Steps", steps, request["Marker"]));

            case "ListClusters":
                var states = request["ClusterStates"]?.AsArray().Select(s => s!.GetValue<string>()).ToHashSet() ?? [];
                var matching = _clusters.Where(c => states.Count == 0 || states.Contains(c.Current.State)).Select(ClusterJson).ToList();
                return (200, Page("Clusters", matching, request["Marker"]));

            case "TerminateJobFlows":
                foreach (var id in request["JobFlowIds"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
                {
                    if (_clusters.FirstOrDefault(c => c.Id == id) is not { } terminated)
                    {
                        return UnknownCluster(id);
                    }

                    _terminated.Add(id);
                    terminated.Terminate();
                }

                return (200, []);

            default:
                return (400, Error("UnknownOperationException", operation));
        }
    }

    private JsonObject Page(string name, List<JsonObject> items, JsonNode? marker)
    {
        var start = marker is null ? 0 : int.Parse(marker.GetValue<string>(), CultureInfo.InvariantCulture);
        var page = new JsonObject { [name] = new JsonArray([.. items.Skip(start).Take(PageSize)]) };
        if (start + PageSize < items.Count)
        {
            page["Marker"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return page;
    }

    private static JsonObject ClusterJson(FakeCluster cluster)
    {
        var status = new JsonObject { ["State"] = cluster.Current.State };
        if (cluster.Current.ReasonCode is not null || cluster.Current.ReasonMessage is not null)
        {
            status["StateChangeReason"] = new JsonObject { ["Code"] = cluster.Current.ReasonCode, ["Message"] = cluster.Current.ReasonMessage };
        }

        status["Timeline"] = new JsonObject { ["CreationDateTime"] = 1.6064352E9 };
        return new JsonObject { ["Id"] = cluster.Id, ["Name"] = cluster.Name, ["Status"] = status, ["NormalizedInstanceHours"] = 0 };
    }

    private static JsonObject StepJson(FakeCluster cluster, int index)
    {
        var step = index < cluster.Current.Steps.Count ? cluster.Current.Steps[index] : FakeEmrStep.Pending;
        var status = new JsonObject { ["State"] = step.State, ["StateChangeReason"] = new JsonObject() };
        if (step.FailureReason is not null || step.FailureMessage is not null || step.FailureLogFile is not null)
        {
            status["FailureDetails"] = new JsonObject { ["Reason"] = step.FailureReason, ["Message"] = step.FailureMessage, ["LogFile"] = step.FailureLogFile };
        }

        return new JsonObject
        {
            ["Id"] = cluster.StepIds[index],
            ["Name"] = cluster.StepNames[index],
            ["Config"] = new JsonObject { ["Jar"] = "command-runner.jar", ["ActionOnFailure"] = "TERMINATE_CLUSTER" },
            ["Status"] = status,
        };
    }

    private FakeCluster? Find(JsonNode? id) => id is null ? null : _clusters.FirstOrDefault(c => c.Id == id.GetValue<string>());

    private static (int, JsonObject) UnknownCluster(object? id) =>
        (400, Error("InvalidRequestException", $"Cluster id '{id}' is not valid."));

    private static JsonObject Error(string type, string message) =>
        new() { ["__type"] = $"com.amazonaws.elasticmapreduce#{type}", ["message"] = message };

    private string NewId(string prefix) => prefix + (_nextId++).ToString("D13", CultureInfo.InvariantCulture);

    /// <summary>Recomputes the SigV4 signature of a <c>POST /</c> from the signed headers it names; null when it matches.</summary>
    private string? VerifySignature(HttpRequest request, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string Prefix = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "The request has no AWS4-HMAC-SHA256 Authorization header.";
        }

        var fields = authorization[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) || !fields.TryGetValue("Signature", out var signature))
        {
            return "The Authorization header lacks Credential, SignedHeaders or Signature.";
        }

        var scope = credential.Split('/');
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (scope.Length != 5 || scope[0] != AccessKey || scope[2] != Region || scope[3] != Service || scope[4] != "aws4_request")
        {
            return $"The credential scope '{credential}' is not {AccessKey}/<day>/{Region}/{Service}/aws4_request.";
        }

        if (amzDate.Length != 16 || !amzDate.StartsWith(scope[1], StringComparison.Ordinal))
        {
            return $"X-Amz-Date '{amzDate}' does not match the credential day {scope[1]}.";
        }

        var names = signedHeaders.Split(';');
        string[] required = _sessionToken is null
            ? ["content-type", "host", "x-amz-date", "x-amz-target"]
            : ["content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target"];
        var unsigned = required.Except(names).ToList();
        if (unsigned.Count > 0)
        {
            return $"Headers not signed: {string.Join(", ", unsigned)}.";
        }

        if (_sessionToken is not null && request.Headers["X-Amz-Security-Token"].ToString() != _sessionToken)
        {
            return "X-Amz-Security-Token is not the session token.";
        }

        if (!names.SequenceEqual(names.Order(StringComparer.Ordinal)))
        {
            return $"SignedHeaders '{signedHeaders}' are not sorted.";
        }

        var canonical = new StringBuilder("POST\n/\n\n");
        foreach (var name in names)
        {
            var value = string.Join(',', request.Headers[name].Select(v => string.Join(' ', (v ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))));
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Hex(SHA256.HashData(body)));
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{string.Join('/', scope[1..])}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretKey);
        foreach (var part in new[] { scope[1], Region, Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return expected == signature ? null : $"The signature does not match; expected canonical request:\n{canonical}";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private sealed class FakeCluster(string id, string name, IReadOnlyList<FakeEmrClusterState> script, List<string> stepNames)
    {
        private IReadOnlyList<FakeEmrClusterState> _script = script.Count > 0 ? script : [FakeEmrClusterState.Of("STARTING")];
        private int _position;

        public string Id { get; } = id;

        public string Name { get; } = name;

        public List<string> StepNames { get; } = stepNames;

        public List<string> StepIds { get; } = [];

        public FakeEmrClusterState Current => _script[_position];

        private bool _described;

        /// <summary>Moves to the next snapshot, except on the first call: a cluster is first seen in its first state.</summary>
        public void Advance()
        {
            if (_described)
            {
                _position = Math.Min(_position + 1, _script.Count - 1);
            }

            _described = true;
        }

        public void Terminate()
        {
            if (Current.State.StartsWith("TERMINATED", StringComparison.Ordinal))
            {
                return;
            }

            var steps = StepNames.Select((_, i) => i < Current.Steps.Count && Current.Steps[i].State is "COMPLETED" or "FAILED" ? Current.Steps[i] : FakeEmrStep.Cancelled).ToList();
            _script = [new FakeEmrClusterState("TERMINATING", steps, "USER_REQUEST", "Terminated by user request"), new FakeEmrClusterState("TERMINATED", steps, "USER_REQUEST", "Terminated by user request")];
            _position = 0;
            _described = false;
        }
    }
}
