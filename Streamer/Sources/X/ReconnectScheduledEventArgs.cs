namespace TrendingTv.Streamer.Sources.X;

/// <summary>Raised when the stream lost its connection and waits <see cref="Delay"/> before the next attempt.</summary>
public sealed class ReconnectScheduledEventArgs(DisconnectKind kind, TimeSpan delay, int attempt, string reason) : EventArgs
{
    public DisconnectKind Kind { get; } = kind;

    public TimeSpan Delay { get; } = delay;

    /// <summary>Consecutive failures of this kind, starting at 1.</summary>
    public int Attempt { get; } = attempt;

    public string Reason { get; } = reason;
}
