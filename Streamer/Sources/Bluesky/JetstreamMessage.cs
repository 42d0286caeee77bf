using TrendingTv.DataLake.Posts.Bluesky;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// One message the Jetstream client yields: a post, repost or delete event — or a malformed message for quarantine
/// (<see cref="JetstreamEvent.MalformedReason"/> says why) — with its bytes exactly as received.
/// </summary>
/// <param name="Payload">
/// The message as received (the raw layer keeps it); for a message over the size limit, only its first kilobyte.
/// Owned by the receiver (see the client's payload copy).
/// </param>
/// <param name="Event">The message classified and read.</param>
/// <param name="ReceivedAt">When it was received, from the client's <see cref="TimeProvider"/>.</param>
/// <param name="Instance">The instance it came from.</param>
public sealed record JetstreamMessage(ReadOnlyMemory<byte> Payload, JetstreamEvent Event, DateTimeOffset ReceivedAt, Uri Instance);
