namespace TrendingTv.Streamer.Capture;

/// <summary>
/// A period in which a source was not connected while capture ran: its posts are lost (X backfill is an Enterprise
/// feature). <see cref="Open"/>: the gap had not ended when last recorded (<see cref="End"/> is then the last time
/// capture was seen running).
/// </summary>
public sealed record SourceGap(string Source, DateTimeOffset Start, DateTimeOffset End, string Reason, bool Open = false)
{
    public TimeSpan Duration => End - Start;
}
