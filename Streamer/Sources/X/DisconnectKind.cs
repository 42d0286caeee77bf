namespace TrendingTv.Streamer.Sources.X;

/// <summary>Why the stream connection ended; each kind has its own documented backoff.</summary>
public enum DisconnectKind
{
    /// <summary>A TCP/IP-level failure, a stall, or the server closing the stream: linear backoff.</summary>
    Network,

    /// <summary>An HTTP error status other than 429: exponential backoff from 5 s.</summary>
    Http,

    /// <summary>HTTP 429 Too Many Requests: exponential backoff from 1 minute.</summary>
    RateLimited,
}
