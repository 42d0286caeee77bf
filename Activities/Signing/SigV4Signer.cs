using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace TrendingTv.Activities.Signing;

/// <summary>
/// AWS Signature Version 4 (header signing), written from the AWS specification
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html) and
/// checked against the AWS test suite. Path normalisation and the <c>X-Amz-Content-Sha256</c> header
/// are switches because services differ (S3 neither normalises nor double-encodes).
/// </summary>
public sealed class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string AuthorizationHeader = "Authorization";
    public const string DateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";
    public const string ContentSha256Header = "X-Amz-Content-Sha256";

    public SigV4Signer(string region, string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Region = region;
        Service = service;
    }

    public string Region { get; }

    public string Service { get; }

    /// <summary>Remove <c>.</c> and <c>..</c> segments and repeated slashes from the path before signing (all services but S3).</summary>
    public bool NormalizePath { get; init; } = true;

    /// <summary>Add and sign an <c>X-Amz-Content-Sha256</c> header carrying the payload hash (S3 needs it; others accept it).</summary>
    public bool AddContentSha256Header { get; init; }

    /// <summary>Signs <paramref name="request"/> at <paramref name="time"/>; session credentials add <c>X-Amz-Security-Token</c>.</summary>
    public SigV4Signature Sign(SigV4Request request, ImmutableCredentials credentials, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var utc = time.ToUniversalTime();
        var amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var payloadHash = HexSha256(request.Body.Span);

        var added = new List<KeyValuePair<string, string>> { new(DateHeader, amzDate) };
        if (credentials.UseToken)
        {
            added.Add(new(SecurityTokenHeader, credentials.Token));
        }

        if (AddContentSha256Header)
        {
            added.Add(new(ContentSha256Header, payloadHash));
        }

        var headers = CanonicalHeaders(request.Headers.Concat(added));
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = new StringBuilder()
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalPath(request.Path)).Append('\n')
            .Append(CanonicalQuery(request.Query)).Append('\n')
            .AppendJoin(string.Empty, headers.Select(h => $"{h.Key}:{h.Value}\n")).Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(payloadHash)
            .ToString();

        var scope = $"{day}/{Region}/{Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";
        var key = SigningKey(credentials.SecretKey, day);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        added.Add(new(
            AuthorizationHeader,
            $"{Algorithm} Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}"));
        return new SigV4Signature(canonicalRequest, stringToSign, signature, signedHeaders, added);
    }

    /// <summary>The canonical URI: optionally normalised, then each segment URI-encoded (the wire form is encoded again, as SigV4 asks for every service but S3).</summary>
    public string CanonicalPath(string path)
    {
        var value = string.IsNullOrEmpty(path) ? "/" : path;
        if (NormalizePath)
        {
            value = RemoveDotSegments(value);
        }

        return string.Join('/', value.Split('/').Select(segment => UriEncode(segment)));
    }

    /// <summary>The canonical query: every parameter decoded, re-encoded strictly, sorted by name then value.</summary>
    public static string CanonicalQuery(string query)
    {
        var text = query.StartsWith('?') ? query[1..] : query;
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(name)), UriEncode(Uri.UnescapeDataString(value))));
        }

        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>RFC 3986 encoding as SigV4 defines it: everything but <c>A-Z a-z 0-9 - _ . ~</c> as upper-case %XX of its UTF-8 bytes.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '_' or '.' or '~'))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var written = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..written])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static SortedDictionary<string, string> CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var canonical = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            var trimmed = CollapseSpaces(value);
            // Repeated headers are joined with commas, in the order they appear (test case get-header-key-duplicate).
            canonical[key] = canonical.TryGetValue(key, out var existing) ? $"{existing},{trimmed}" : trimmed;
        }

        return canonical;
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string RemoveDotSegments(string path)
    {
        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (output.Count > 0)
                    {
                        output.RemoveAt(output.Count - 1);
                    }

                    break;
                default:
                    output.Add(segment);
                    break;
            }
        }

        var trailingSlash = output.Count > 0 && (path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal));
        return "/" + string.Join('/', output) + (trailingSlash ? "/" : string.Empty);
    }

    private byte[] SigningKey(string secretKey, string day)
    {
        var date = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(day));
        var region = HMACSHA256.HashData(date, Encoding.UTF8.GetBytes(Region));
        var service = HMACSHA256.HashData(region, Encoding.UTF8.GetBytes(Service));
        return HMACSHA256.HashData(service, "aws4_request"u8);
    }

    private static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
