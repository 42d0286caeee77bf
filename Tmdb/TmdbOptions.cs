using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Tmdb;

/// <summary>
/// Configuration section <c>Tmdb</c>: credentials, request rate, retries and the snapshot's failure
/// threshold. Set exactly one credential: <see cref="AccessToken"/> (v4 read-access token, sent as a
/// Bearer header) or <see cref="ApiKey"/> (v3 key, sent as the <c>api_key</c> query parameter).
/// Neither is ever logged nor put into an exception message.
/// </summary>
public sealed class TmdbOptions : IValidatableObject
{
    public const string SectionName = "Tmdb";

    /// <summary>API root; requests go to <c>{BaseUrl}3/…</c>. Env: <c>Tmdb__BaseUrl</c>.</summary>
    [Required]
    public string BaseUrl { get; set; } = "https://api.themoviedb.org/";

    /// <summary>v4 read-access token (Bearer). Env: <c>Tmdb__AccessToken</c>.</summary>
    public string? AccessToken { get; set; }

    /// <summary>v3 API key (<c>api_key</c> query parameter). Env: <c>Tmdb__ApiKey</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Optional <c>language</c> parameter (e.g. <c>en-US</c>); TMDB's default when empty.</summary>
    public string? Language { get; set; }

    /// <summary>
    /// Sustained request rate, every attempt counted (retries included). TMDB publishes no fixed
    /// limit but throttles at about 40 requests/s; the default stays well under it.
    /// </summary>
    [Range(0.1, 1000)]
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>Requests that may start at once after an idle spell, before the rate applies.</summary>
    [Range(1, 100)]
    public int Burst { get; set; } = 1;

    /// <summary>Requests in flight at once (also the snapshot's fan-out).</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries after a 429, a 5xx, a 408, a network error or an attempt timeout.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First retry delay; later ones grow exponentially with jitter. A 429's Retry-After wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one call, all retries and their delays included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The snapshot fails (nothing uploaded, non-zero exit) when more than this share of the
    /// catalogue's shows failed, 404s included. It stops as soon as so many have failed: no new
    /// request is sent and the calls in flight are cancelled.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxFailureShare { get; set; } = 0.1;

    /// <summary>
    /// The circuit breaker opens when at least this share of the attempts in
    /// <see cref="CircuitBreakerSamplingDuration"/> failed (5xx, 408, timeout, network error; a 429
    /// is not a failure of TMDB). While it is open, calls fail at once instead of being sent.
    /// </summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The fewest attempts in <see cref="CircuitBreakerSamplingDuration"/> before the breaker may open.</summary>
    [Range(2, 10_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The window over which the breaker counts attempts and failures.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before it lets one attempt through to test TMDB.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(BaseUrl)} '{BaseUrl}' is not an http(s) URL.", [nameof(BaseUrl)]);
        }

        var hasToken = !string.IsNullOrWhiteSpace(AccessToken);
        var hasKey = !string.IsNullOrWhiteSpace(ApiKey);
        if (hasToken == hasKey)
        {
            // Names the settings only: their values are secrets.
            yield return new ValidationResult(
                hasToken
                    ? $"Set only one of {SectionName}:{nameof(AccessToken)} and {SectionName}:{nameof(ApiKey)}."
                    : $"Set {SectionName}:{nameof(AccessToken)} (v4 read-access token) or {SectionName}:{nameof(ApiKey)} (v3 key).",
                [nameof(AccessToken), nameof(ApiKey)]);
        }

        if (AttemptTimeout > TotalTimeout)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(AttemptTimeout)} ({AttemptTimeout}) is longer than {SectionName}:{nameof(TotalTimeout)} ({TotalTimeout}).",
                [nameof(AttemptTimeout), nameof(TotalTimeout)]);
        }
    }

    /// <summary>The base address with a trailing '/', so relative paths append to it.</summary>
    public Uri BaseUri() => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);
}
