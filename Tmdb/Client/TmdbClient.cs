using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace TrendingTv.Tmdb.Client;

/// <summary>
/// A small typed TMDB v3 client (TMDbLib is not served here; see <c>docs/tmdb.md</c>). Each call
/// returns the parsed model and the body byte-for-byte. Credentials, rate, concurrency, retries,
/// the circuit breaker and timeouts come from the HttpClient pipeline that
/// <see cref="TmdbServiceCollectionExtensions.AddTmdb"/> builds; a failure after retries is a
/// <see cref="TmdbException"/> naming the path and the reason. Every call is counted in
/// <see cref="TmdbMetrics"/>.
/// </summary>
public sealed class TmdbClient
{
    /// <summary>TMDB serves at most this many pages of a list.</summary>
    public const int MaxListPages = 500;

    private readonly HttpClient _http;
    private readonly TmdbMetrics _metrics;
    private readonly string? _language;
    private readonly TimeSpan _breakDuration;
    private readonly string[] _secrets;

    public TmdbClient(HttpClient http, IOptions<TmdbOptions> options, TmdbMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _http = http;
        _metrics = metrics;
        var value = options.Value;
        _breakDuration = value.CircuitBreakerBreakDuration;
        _language = string.IsNullOrWhiteSpace(value.Language) ? null : value.Language.Trim();
        _secrets = new[] { value.AccessToken, value.ApiKey }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s!.Trim())
            .ToArray();
    }

    /// <summary><c>GET /3/tv/{id}</c>: the details of a TV series.</summary>
    public Task<TmdbResponse<TmdbTvSeries>> GetTvSeriesAsync(long id, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        return GetAsync(string.Create(CultureInfo.InvariantCulture, $"3/tv/{id}"), page: null, TmdbJsonContext.Default.TmdbTvSeries, cancellationToken);
    }

    /// <summary><c>GET /3/tv/popular?page=N</c> (1-based, at most <see cref="MaxListPages"/>).</summary>
    public Task<TmdbResponse<TmdbPage<TmdbTvListItem>>> GetPopularTvAsync(int page = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, MaxListPages);
        return GetAsync("3/tv/popular", page, TmdbJsonContext.Default.TmdbPageTmdbTvListItem, cancellationToken);
    }

    /// <summary><c>GET /3/genre/tv/list</c>: every TV genre.</summary>
    public Task<TmdbResponse<TmdbGenreList>> GetTvGenresAsync(CancellationToken cancellationToken = default) =>
        GetAsync("3/genre/tv/list", page: null, TmdbJsonContext.Default.TmdbGenreList, cancellationToken);

    /// <summary><c>GET /3/trending/tv/day?page=N</c>: today's trending TV series.</summary>
    public Task<TmdbResponse<TmdbPage<TmdbTvListItem>>> GetTrendingTvAsync(int page = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, MaxListPages);
        return GetAsync("3/trending/tv/day", page, TmdbJsonContext.Default.TmdbPageTmdbTvListItem, cancellationToken);
    }

    /// <summary>
    /// The <paramref name="count"/> most popular shows, page by page, each id once (a show can move
    /// between pages while they are read), fewer when TMDB's list ends first.
    /// </summary>
    public async IAsyncEnumerable<TmdbTvListItem> GetPopularTvShowsAsync(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var seen = new HashSet<long>();
        for (var page = 1; seen.Count < count && page <= MaxListPages; page++)
        {
            var response = await GetPopularTvAsync(page, cancellationToken);
            foreach (var show in response.Value.Results)
            {
                if (seen.Count < count && seen.Add(show.Id))
                {
                    yield return show;
                }
            }

            if (response.Value.Results.Count == 0 || page >= response.Value.TotalPages)
            {
                yield break;
            }
        }
    }

    private async Task<TmdbResponse<T>> GetAsync<T>(string path, int? page, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync(path, page, typeInfo, cancellationToken);
            _metrics.Succeeded();
            return response;
        }
        catch (TmdbException e)
        {
            _metrics.Failed(e.Kind);
            throw;
        }
    }

    private async Task<TmdbResponse<T>> SendAsync<T>(string path, int? page, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        if (page is { } pageNumber)
        {
            query.Append(CultureInfo.InvariantCulture, $"page={pageNumber}");
        }

        if (_language is not null)
        {
            query.Append(query.Length == 0 ? string.Empty : "&").Append("language=").Append(Uri.EscapeDataString(_language));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, query.Length == 0 ? path : $"{path}?{query}");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw new TmdbException(path, TmdbFailureKind.CircuitOpen, string.Create(CultureInfo.InvariantCulture,
                $"TMDB GET {path} was not sent: too many recent attempts failed, so calls are held back for up to {_breakDuration.TotalSeconds:0.#} s (circuit breaker open)."), innerException: e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new TmdbException(path, TmdbFailureKind.Timeout, $"TMDB GET {path} timed out ({Redact(e.Message)}).", innerException: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TmdbException(path, TmdbFailureKind.Timeout, $"TMDB GET {path} was cancelled before it completed (timeout).", innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new TmdbException(path, TmdbFailureKind.Unreachable, $"TMDB GET {path} failed: {Redact(e.Message)}", innerException: e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? Parse(path, response.StatusCode, body, typeInfo)
                : throw HttpError(path, response.StatusCode, response.ReasonPhrase, body);
        }
    }

    private static TmdbResponse<T> Parse<T>(string path, HttpStatusCode status, byte[] body, JsonTypeInfo<T> typeInfo)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException e)
        {
            throw new TmdbException(path, TmdbFailureKind.MalformedResponse, $"TMDB GET {path}: the {(int)status} response is not valid JSON for {typeof(T).Name}: {e.Message}", status, innerException: e);
        }

        return value is null
            ? throw new TmdbException(path, TmdbFailureKind.MalformedResponse, $"TMDB GET {path}: the {(int)status} response is JSON null, not an object.", status)
            : new TmdbResponse<T>(value, body);
    }

    private TmdbException HttpError(string path, HttpStatusCode status, string? reason, byte[] body)
    {
        TmdbErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, TmdbJsonContext.Default.TmdbErrorBody);
        }
        catch (JsonException)
        {
            // Not TMDB's error shape (a proxy's HTML page, say): the status line alone is reported.
        }

        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"TMDB GET {path}: {(int)status} {reason ?? status.ToString()}");
        if (error?.StatusCode is { } tmdbStatus)
        {
            message.Append(CultureInfo.InvariantCulture, $" (TMDB status {tmdbStatus}: {Redact(error.StatusMessage ?? string.Empty)})");
        }

        var kind = status == HttpStatusCode.NotFound ? TmdbFailureKind.NotFound : TmdbFailureKind.HttpError;
        return new TmdbException(path, kind, message.Append('.').ToString(), status, error?.StatusCode);
    }

    // A last line of defence: no message this client builds may carry a credential.
    private string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
