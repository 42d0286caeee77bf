namespace TrendingTv.Streamer.Sources.X;

/// <summary>Why a stream connection failed or ended: since when, which backoff applies, the disconnect tag and the reason.</summary>
internal sealed record StreamFailure(DateTimeOffset Since, DisconnectKind Backoff, string Kind, string Reason);
