using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;

namespace TrendingTv.Fixtures.S3;

/// <summary>What <see cref="FaultInjectingHttpClientFactory"/> does to one request.</summary>
public enum S3Fault
{
    /// <summary>Passed to the server untouched.</summary>
    None,

    /// <summary>Answered 500 InternalError (S3's XML error body) without reaching the server.</summary>
    InternalError,

    /// <summary>Answered 503 SlowDown without reaching the server.</summary>
    SlowDown,

    /// <summary>The connection is reset before the request reaches the server.</summary>
    ResetBeforeRequest,

    /// <summary>The server handles the request, then the connection is reset before the response arrives.</summary>
    ResetAfterServerHandled,
}

/// <summary>
/// An AWS SDK <see cref="HttpClientFactory"/> whose clients run every request through a fault script (method,
/// path and the request's number → <see cref="S3Fault"/>) before the real socket handler: the SDK client, its
/// retries and its error parsing are the real ones; only the wire misbehaves, as S3 and networks do.
/// </summary>
public sealed class FaultInjectingHttpClientFactory(Func<HttpMethod, string, int, S3Fault> script) : HttpClientFactory
{
    private readonly Func<HttpMethod, string, int, S3Fault> _script = script;
    private int _requests;

    /// <summary>Every request seen, with the fault applied: "PUT /bucket/key -> InternalError".</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Requests the script faulted.</summary>
    public int FaultsInjected => Log.Count(l => !l.EndsWith("-> None", StringComparison.Ordinal));

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new FaultHandler(this) { InnerHandler = new SocketsHttpHandler() });

    private sealed class FaultHandler(FaultInjectingHttpClientFactory owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref owner._requests);
            var path = request.RequestUri!.AbsolutePath;
            var fault = owner._script(request.Method, path, number);
            owner.Log.Enqueue($"{request.Method} {path} -> {fault}");
            switch (fault)
            {
                case S3Fault.InternalError:
                    return Error(request, HttpStatusCode.InternalServerError, "InternalError", "We encountered an internal error. Please try again.");
                case S3Fault.SlowDown:
                    return Error(request, HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate.");
                case S3Fault.ResetBeforeRequest:
                    throw ConnectionReset();
                case S3Fault.ResetAfterServerHandled:
                    using (await base.SendAsync(request, cancellationToken))
                    {
                        throw ConnectionReset();
                    }

                default:
                    return await base.SendAsync(request, cancellationToken);
            }
        }

        private static HttpResponseMessage Error(HttpRequestMessage request, HttpStatusCode status, string code, string message) => new(status)
        {
            RequestMessage = request,
            Content = new StringContent(
                $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>FAULT{Guid.NewGuid():N}</RequestId></Error>""",
                Encoding.UTF8,
                "application/xml"),
        };

        // What SocketsHttpHandler throws when the peer resets the connection.
        private static HttpRequestException ConnectionReset() => new(
            "An error occurred while sending the request.",
            new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)));
    }

}
