namespace TrendingTv.Streamer.Capture;

/// <summary>A period without a stream connection: posts of that period are lost (backfill is an Enterprise feature).</summary>
public sealed record DisconnectGap(DateTimeOffset Start, DateTimeOffset End, string Reason)
{
    public TimeSpan Duration => End - Start;
}
