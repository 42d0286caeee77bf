namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>Where the Jetstream client is in its connect, read, reconnect cycle.</summary>
public enum JetstreamConnectionStatus
{
    /// <summary>Not reading (before the first read, or after it ended).</summary>
    Stopped,

    /// <summary>Opening a connection to <see cref="JetstreamConnectionState.Instance"/>.</summary>
    Connecting,

    /// <summary>Connected and reading.</summary>
    Connected,

    /// <summary>The last attempt or connection failed; the next starts after <see cref="JetstreamConnectionState.RetryIn"/>.</summary>
    WaitingToReconnect,
}
