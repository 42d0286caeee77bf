namespace TrendingTv.Activities.Signing;

/// <summary>
/// The result of signing: the intermediate texts (for diagnosis and tests; they hold no secret), the
/// signature, and the headers to add to the request (<c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c>,
/// <c>X-Amz-Content-Sha256</c> when asked for, and <c>Authorization</c>).
/// </summary>
public sealed record SigV4Signature(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    string SignedHeaders,
    IReadOnlyList<KeyValuePair<string, string>> HeadersToAdd)
{
    public string Authorization => HeadersToAdd.First(h => h.Key == SigV4Signer.AuthorizationHeader).Value;
}
