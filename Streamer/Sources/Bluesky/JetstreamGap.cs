namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// A period the client may have no events for: from the last message before a connection failed to the first one
/// after it recovered, with the first failure's reason. The resume cursor replays most of it, so a gap is usually
/// not lost data; a gap whose reason says the cursor was older than the instance keeps is.
/// </summary>
public sealed record JetstreamGap(DateTimeOffset From, DateTimeOffset To, string Reason)
{
    public TimeSpan Duration => To - From;
}
