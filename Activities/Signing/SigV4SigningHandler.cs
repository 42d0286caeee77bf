using Amazon.Runtime;

namespace TrendingTv.Activities.Signing;

/// <summary>
/// Signs every outgoing request with <see cref="SigV4Signer"/>: <c>Host</c>, <c>Content-Type</c> and every
/// <c>X-Amz-*</c> header are signed. Sits inside the retry handler so that each attempt is signed
/// afresh (a new <c>X-Amz-Date</c>; credentials refreshed by the AWS chain).
/// </summary>
public sealed class SigV4SigningHandler(SigV4Signer signer, AWSCredentials credentials, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request to sign has no URI.");
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);

        // A retried request message still carries the previous attempt's signature.
        request.Headers.Remove(SigV4Signer.AuthorizationHeader);
        request.Headers.Remove(SigV4Signer.DateHeader);
        request.Headers.Remove(SigV4Signer.SecurityTokenHeader);
        request.Headers.Remove(SigV4Signer.ContentSha256Header);
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";

        var headers = new List<KeyValuePair<string, string>> { new("host", request.Headers.Host) };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers.Add(new("content-type", contentType.ToString()));
        }

        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
            }
        }

        var identity = await credentials.GetCredentialsAsync();
        var signature = signer.Sign(
            new SigV4Request(request.Method.Method, uri.AbsolutePath, uri.Query, headers, body),
            identity,
            timeProvider.GetUtcNow());
        foreach (var (name, value) in signature.HeadersToAdd)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
