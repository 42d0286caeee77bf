namespace TrendingTv.Activities.Signing;

/// <summary>
/// The parts of an HTTP request that Signature Version 4 covers: method, path and query as they
/// appear on the wire, the headers to sign (in the order given; a name may repeat) and the body.
/// </summary>
public sealed record SigV4Request(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body);
