using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace TrendingTv.Tmdb.Client;

/// <summary>
/// Adds the credential to each attempt just before it goes on the wire. It wraps the primary
/// handler, inside HttpClientFactory's logging handlers, so logged URIs never carry the
/// <c>api_key</c>; the key is removed again from the request once the attempt returns, so
/// exceptions and <see cref="HttpResponseMessage.RequestMessage"/> never show it either.
/// </summary>
internal sealed class TmdbAuthenticationHandler : DelegatingHandler
{
    private readonly string? _accessToken;
    private readonly string? _apiKey;

    public TmdbAuthenticationHandler(IOptions<TmdbOptions> options)
    {
        var value = options.Value;
        _accessToken = string.IsNullOrWhiteSpace(value.AccessToken) ? null : value.AccessToken.Trim();
        _apiKey = _accessToken is null && !string.IsNullOrWhiteSpace(value.ApiKey) ? value.ApiKey.Trim() : null;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        if (_accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
        }
        else if (_apiKey is not null)
        {
            var query = string.IsNullOrEmpty(original.Query) ? "?" : original.Query + "&";
            request.RequestUri = new Uri(original.GetLeftPart(UriPartial.Path) + query + "api_key=" + Uri.EscapeDataString(_apiKey), UriKind.Absolute);
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            // The same message is sent again on a retry: restore it so the key is neither appended
            // twice nor visible to the outer handlers.
            request.RequestUri = original;
            request.Headers.Authorization = null;
        }
    }
}
