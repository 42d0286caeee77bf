using System.Net;

namespace TrendingTv.Tmdb.Client;

/// <summary>
/// A TMDB call that failed, naming the request path (never its query string, which may hold the
/// API key) and, for HTTP errors, the status and TMDB's own status code and message.
/// </summary>
public sealed class TmdbException : Exception
{
    public TmdbException(string path, TmdbFailureKind kind, string message, HttpStatusCode? statusCode = null, int? tmdbStatusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Kind = kind;
        StatusCode = statusCode;
        TmdbStatusCode = tmdbStatusCode;
    }

    /// <summary>The request path without query, e.g. <c>3/tv/1396</c>.</summary>
    public string Path { get; }

    public TmdbFailureKind Kind { get; }

    /// <summary>The HTTP status of the last attempt, when there was a response.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>TMDB's <c>status_code</c> from the error body (34 = not found, 7 = invalid key, 25 = rate limit).</summary>
    public int? TmdbStatusCode { get; }
}
