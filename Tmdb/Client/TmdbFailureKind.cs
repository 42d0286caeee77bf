namespace TrendingTv.Tmdb.Client;

/// <summary>Why a TMDB call failed, after any retries.</summary>
public enum TmdbFailureKind
{
    /// <summary>404: the id is unknown to TMDB (TMDB status 34). Never retried.</summary>
    NotFound,

    /// <summary>An HTTP error status other than 404 (after retries for 429, 408 and 5xx).</summary>
    HttpError,

    /// <summary>Every attempt timed out, or the call's total time ran out.</summary>
    Timeout,

    /// <summary>The server could not be reached (connection refused, DNS, TLS) after retries.</summary>
    Unreachable,

    /// <summary>A 2xx response whose body is not the JSON the endpoint returns. Never retried.</summary>
    MalformedResponse,

    /// <summary>
    /// Not sent: so many recent attempts failed that the circuit breaker is open and calls fail at
    /// once until <see cref="TmdbOptions.CircuitBreakerBreakDuration"/> has passed. Never retried.
    /// </summary>
    CircuitOpen,
}
