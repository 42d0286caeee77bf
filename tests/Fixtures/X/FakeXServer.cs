using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TrendingTv.Fixtures.X;

/// <summary>
/// A fake X API v2 filtered stream on 127.0.0.1 (Kestrel, random port): the rules endpoints
/// (<c>GET/POST /2/tweets/search/stream/rules</c>, with X's rule-length check and response shapes)
/// and the stream (<c>GET /2/tweets/search/stream</c>), whose connection attempts follow a script of
/// <see cref="FakeXConnection"/>s: refusals (503, 429) or streams of messages, keep-alives,
/// mid-stream disconnects, stalls. Requests without <c>Authorization: Bearer {token}</c> get 401.
/// </summary>
public sealed class FakeXServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeXConnection> _script = new();
    private readonly ConcurrentQueue<string> _streamQueries = new();
    private readonly List<FakeXRule> _rules = [];
    private readonly Lock _rulesLock = new();
    private readonly ConcurrentQueue<string> _ruleRequests = new();
    private readonly SemaphoreSlim _disconnects = new(0);
    private WebApplication? _app;
    private int _nextRuleId = 1_000;
    private int _connectionAttempts;

    private FakeXServer(string bearerToken, int maxRuleLength)
    {
        BearerToken = bearerToken;
        MaxRuleLength = maxRuleLength;
    }

    /// <summary>The API root, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string BearerToken { get; }

    public int MaxRuleLength { get; }

    /// <summary>Stream connection attempts so far.</summary>
    public int ConnectionAttempts => Volatile.Read(ref _connectionAttempts);

    /// <summary>The query string of each stream request.</summary>
    public IReadOnlyList<string> StreamQueries => [.. _streamQueries];

    /// <summary>The bodies of the rules POST requests, in order.</summary>
    public IReadOnlyList<string> RuleRequests => [.. _ruleRequests];

    /// <summary>Requests refused for a missing or wrong bearer token.</summary>
    public int Unauthorized { get; private set; }

    public IReadOnlyList<FakeXRule> Rules
    {
        get
        {
            lock (_rulesLock)
            {
                return [.. _rules];
            }
        }
    }

    public static async Task<FakeXServer> StartAsync(string bearerToken = "test-bearer-token", int maxRuleLength = 1024, CancellationToken cancellationToken = default)
    {
        var server = new FakeXServer(bearerToken, maxRuleLength);
        var (app, baseAddress) = await LoopbackHttpApp.StartAsync(a => a.Run(server.HandleAsync), cancellationToken);
        server.BaseAddress = new Uri(baseAddress.AbsoluteUri.TrimEnd('/'));
        server._app = app;
        return server;
    }

    /// <summary>Queues the behaviour of the next stream connection attempts (in order). With none queued, a connection stalls.</summary>
    public void Enqueue(params FakeXConnection[] connections)
    {
        foreach (var connection in connections)
        {
            _script.Enqueue(connection);
        }
    }

    /// <summary>
    /// Lets one <see cref="FakeXStreamStep.Disconnect"/> step go ahead. A disconnect waits for this, so that a test
    /// calls it once its client has read what was sent before: an abort discards bytes not yet read, and waiting a
    /// while for them to leave would depend on the machine's speed.
    /// </summary>
    public void ReleaseDisconnect() => _disconnects.Release();

    /// <summary>Adds a rule directly (as if created earlier by someone else).</summary>
    public FakeXRule AddRule(string value, string? tag)
    {
        lock (_rulesLock)
        {
            var rule = new FakeXRule((_nextRuleId++).ToString(CultureInfo.InvariantCulture), value, tag);
            _rules.Add(rule);
            return rule;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }

        _disconnects.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var auth = context.Request.Headers.Authorization.ToString();
        if (auth != "Bearer " + BearerToken)
        {
            Unauthorized++;
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""");
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        switch (path)
        {
            case "/2/tweets/search/stream/rules" when HttpMethods.IsGet(context.Request.Method):
                await ListRulesAsync(context);
                break;
            case "/2/tweets/search/stream/rules" when HttpMethods.IsPost(context.Request.Method):
                await ChangeRulesAsync(context);
                break;
            case "/2/tweets/search/stream" when HttpMethods.IsGet(context.Request.Method):
                await StreamAsync(context);
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private async Task ListRulesAsync(HttpContext context)
    {
        var rules = Rules;
        var response = new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["sent"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["result_count"] = rules.Count,
            },
        };
        if (rules.Count > 0)
        {
            response["data"] = new JsonArray([.. rules.Select(Json)]);
        }

        await WriteJsonAsync(context, 200, response);
    }

    private async Task ChangeRulesAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _ruleRequests.Enqueue(body);
        var request = JsonNode.Parse(body)!.AsObject();
        var response = new JsonObject();
        var errors = new JsonArray();
        var created = 0;
        var deleted = 0;
        var data = new JsonArray();
        lock (_rulesLock)
        {
            if (request["add"] is JsonArray add)
            {
                foreach (var item in add)
                {
                    var value = item!["value"]!.GetValue<string>();
                    var tag = item["tag"]?.GetValue<string>();
                    if (value.Length > MaxRuleLength)
                    {
                        errors.Add(new JsonObject { ["value"] = value, ["title"] = "RuleLengthExceeded", ["type"] = "https://api.twitter.com/2/problems/invalid-rules" });
                        continue;
                    }

                    if (_rules.Any(r => r.Value == value))
                    {
                        errors.Add(new JsonObject { ["value"] = value, ["title"] = "DuplicateRule", ["type"] = "https://api.twitter.com/2/problems/duplicate-rules" });
                        continue;
                    }

                    var rule = new FakeXRule((_nextRuleId++).ToString(CultureInfo.InvariantCulture), value, tag);
                    _rules.Add(rule);
                    data.Add(Json(rule));
                    created++;
                }
            }

            if (request["delete"]?["ids"] is JsonArray ids)
            {
                foreach (var id in ids.Select(i => i!.GetValue<string>()))
                {
                    deleted += _rules.RemoveAll(r => r.Id == id);
                }
            }
        }

        if (data.Count > 0)
        {
            response["data"] = data;
        }

        response["meta"] = new JsonObject
        {
            ["sent"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["summary"] = new JsonObject { ["created"] = created, ["not_created"] = errors.Count, ["deleted"] = deleted, ["not_deleted"] = 0, ["valid"] = created, ["invalid"] = errors.Count },
        };
        if (errors.Count > 0)
        {
            response["errors"] = errors;
        }

        await WriteJsonAsync(context, 200, response);
    }

    private async Task StreamAsync(HttpContext context)
    {
        Interlocked.Increment(ref _connectionAttempts);
        _streamQueries.Enqueue(context.Request.QueryString.Value ?? string.Empty);
        if (!_script.TryDequeue(out var connection))
        {
            connection = FakeXConnection.Accept(FakeXStreamStep.Stall);
        }

        if (connection.Status != 200)
        {
            context.Response.StatusCode = connection.Status;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(connection.Body ?? string.Empty);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.StartAsync(context.RequestAborted);
        var aborted = context.RequestAborted;
        try
        {
            foreach (var step in connection.Steps)
            {
                switch (step.Kind)
                {
                    case FakeXStreamStepKind.Message:
                        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(step.Line + "\r\n"), aborted);
                        await context.Response.Body.FlushAsync(aborted);
                        break;
                    case FakeXStreamStepKind.Heartbeat:
                        await context.Response.Body.WriteAsync("\r\n"u8.ToArray(), aborted);
                        await context.Response.Body.FlushAsync(aborted);
                        break;
                    case FakeXStreamStepKind.Disconnect:
                        await _disconnects.WaitAsync(aborted); // see ReleaseDisconnect
                        context.Abort();
                        return;
                    case FakeXStreamStepKind.Stall:
                        await Task.Delay(Timeout.Infinite, aborted);
                        return;
                    case FakeXStreamStepKind.End:
                        return;
                }
            }

            await Task.Delay(Timeout.Infinite, aborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static JsonObject Json(FakeXRule rule)
    {
        var json = new JsonObject { ["id"] = rule.Id, ["value"] = rule.Value };
        if (rule.Tag is not null)
        {
            json["tag"] = rule.Tag;
        }

        return json;
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
