using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TrendingTv.Streamer.Sources.X;

/// <summary>
/// A small X API v2 client over <see cref="HttpClient"/>: filtered-stream rules (list, add, delete,
/// sync) and the stream connection. Every request carries the bearer token from
/// <see cref="XOptions"/>; the token never appears in a log or exception message.
/// The <see cref="HttpClient"/> must have an infinite timeout (the stream is long-lived; stalls are
/// detected by the reader); rules requests get <see cref="XOptions.RequestTimeout"/> each.
/// </summary>
public sealed class XApiClient
{
    /// <summary>The stream query: the fields and expansions needed for full text and retweets.</summary>
    public const string StreamPath = "2/tweets/search/stream?tweet.fields=created_at,lang,entities,note_tweet,referenced_tweets&expansions=referenced_tweets.id";

    public const string RulesPath = "2/tweets/search/stream/rules";

    private const int RulesPerRequest = 100;
    private readonly HttpClient _http;
    private readonly XOptions _options;
    private readonly Uri _baseUri;

    public XApiClient(HttpClient http, IOptions<XOptions> options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        var baseUrl = _options.BaseUrl.EndsWith('/') ? _options.BaseUrl : _options.BaseUrl + "/";
        _baseUri = new Uri(baseUrl, UriKind.Absolute);
    }

    /// <summary>The rules currently on the stream.</summary>
    public async Task<IReadOnlyList<XStreamRule>> ListRulesAsync(CancellationToken cancellationToken = default)
    {
        using var document = await SendJsonAsync(HttpMethod.Get, RulesPath, null, cancellationToken);
        var rules = new List<XStreamRule>();
        if (document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var rule in data.EnumerateArray())
            {
                rules.Add(new XStreamRule(
                    rule.GetProperty("value").GetString() ?? string.Empty,
                    rule.TryGetProperty("tag", out var tag) ? tag.GetString() : null,
                    rule.GetProperty("id").ToString()));
            }
        }

        return rules;
    }

    /// <summary>Adds rules (in requests of 100); fails on any error X reports other than a duplicate.</summary>
    public async Task AddRulesAsync(IReadOnlyList<XStreamRule> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var chunk in rules.Chunk(RulesPerRequest))
        {
            var body = JsonSerializer.Serialize(new { add = chunk.Select(r => new { value = r.Value, tag = r.Tag }) });
            using var document = await SendJsonAsync(HttpMethod.Post, RulesPath, body, cancellationToken);
            ThrowOnRuleErrors(document, "add", ignoreDuplicates: true);
        }
    }

    /// <summary>Deletes rules by id (in requests of 100).</summary>
    public async Task DeleteRulesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var chunk in ids.Chunk(RulesPerRequest))
        {
            var body = JsonSerializer.Serialize(new { delete = new { ids = chunk } });
            using var document = await SendJsonAsync(HttpMethod.Post, RulesPath, body, cancellationToken);
            ThrowOnRuleErrors(document, "delete", ignoreDuplicates: false);
        }
    }

    /// <summary>
    /// Makes the stream's rules equal <paramref name="desired"/>: lists them, deletes those not
    /// desired (value and tag compared), adds the missing ones. With <paramref name="dryRun"/> only reports.
    /// </summary>
    public async Task<RuleSyncResult> SyncRulesAsync(IReadOnlyList<XStreamRule> desired, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var existing = await ListRulesAsync(cancellationToken);
        var wanted = desired.Select(r => (r.Value, r.Tag ?? string.Empty)).ToHashSet();
        var have = existing.Select(r => (r.Value, r.Tag ?? string.Empty)).ToHashSet();
        var toDelete = existing.Where(r => !wanted.Contains((r.Value, r.Tag ?? string.Empty))).ToList();
        var toAdd = desired.Where(r => !have.Contains((r.Value, r.Tag ?? string.Empty))).DistinctBy(r => (r.Value, r.Tag)).ToList();
        if (!dryRun)
        {
            // Delete first: the tier's rule count limit applies to the total.
            if (toDelete.Count > 0)
            {
                await DeleteRulesAsync([.. toDelete.Select(r => r.Id!)], cancellationToken);
            }

            if (toAdd.Count > 0)
            {
                await AddRulesAsync(toAdd, cancellationToken);
            }
        }

        return new RuleSyncResult(toAdd, toDelete, existing.Count - toDelete.Count);
    }

    /// <summary>
    /// Opens the filtered stream and returns the response once its headers arrived (any status; the
    /// caller decides how to back off). The caller owns and disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, StreamPath);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Reads an error response's body (at most 500 characters) for a message.</summary>
    public static async Task<string> DescribeErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            body = string.Empty;
        }

        body = body.Trim();
        if (body.Length > 500)
        {
            body = body[..500] + "…";
        }

        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length > 0 ? ": " + body : string.Empty)}";
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BearerToken);
        return request;
    }

    private async Task<JsonDocument> SendJsonAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = Request(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var endpoint = $"{method} /{path}";
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? "; check X__BearerToken and the app's access" : string.Empty;
                throw new XApiException($"X API {endpoint} failed: {await DescribeErrorAsync(response, timeout.Token)}{refused}", response.StatusCode);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await JsonDocument.ParseAsync(stream, default, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new XApiException($"X API {endpoint} timed out after {_options.RequestTimeout}.", HttpStatusCode.RequestTimeout, e);
        }
        catch (HttpRequestException e)
        {
            throw new XApiException($"X API {endpoint} failed: {e.Message}", e.StatusCode, e);
        }
        catch (JsonException e)
        {
            throw new XApiException($"X API {endpoint} returned a body that is not JSON: {e.Message}", null, e);
        }
    }

    private static void ThrowOnRuleErrors(JsonDocument document, string operation, bool ignoreDuplicates)
    {
        if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var problems = errors.EnumerateArray()
            .Where(e => !(ignoreDuplicates && e.TryGetProperty("title", out var title) && title.GetString() == "DuplicateRule"))
            .Select(e => e.ToString())
            .ToList();
        if (problems.Count > 0)
        {
            throw new XApiException($"X API rules {operation} reported {problems.Count} error(s): {string.Join("; ", problems.Take(5))}");
        }
    }
}
