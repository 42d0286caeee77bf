namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>Where malformed Jetstream messages are kept, with the reason, for a person to look at.</summary>
public interface IBlueskyQuarantine
{
    ValueTask AddAsync(JetstreamMessage message, CancellationToken cancellationToken);
}
