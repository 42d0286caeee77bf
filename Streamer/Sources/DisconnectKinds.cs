namespace TrendingTv.Streamer.Sources;

/// <summary>The tags of a disconnect (the <c>reason</c> tag of <c>trendingtv.source.disconnects</c>): few, so metrics stay small.</summary>
public static class DisconnectKinds
{
    /// <summary>A TCP/IP or TLS failure, a refused or reset connection.</summary>
    public const string Network = "network";

    /// <summary>No byte (not even a keep-alive) for the stall timeout.</summary>
    public const string Stall = "stall";

    /// <summary>The server ended the stream.</summary>
    public const string Closed = "closed";

    /// <summary>An HTTP error status (other than 429 and the authentication ones).</summary>
    public const string Http = "http";

    /// <summary>HTTP 429.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>HTTP 401/403: credentials refused; capture stops.</summary>
    public const string Refused = "refused";
}
