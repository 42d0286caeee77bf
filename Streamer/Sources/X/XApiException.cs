using System.Net;

namespace TrendingTv.Streamer.Sources.X;

/// <summary>An X API request failed; the message names the endpoint and quotes X's error (never the token).</summary>
public sealed class XApiException : Exception
{
    public XApiException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public XApiException()
    {
    }

    public XApiException(string message)
        : base(message)
    {
    }

    public XApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode? StatusCode { get; }
}
