namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>What the Jetstream client has read since it was created: each message counted once, under its kind.</summary>
public sealed record JetstreamStatistics
{
    /// <summary>Complete messages received (every kind below, over-size ones included).</summary>
    public long Messages { get; init; }

    public long Posts { get; init; }

    public long Reposts { get; init; }

    public long Deletes { get; init; }

    /// <summary>Identity events: skipped.</summary>
    public long Identity { get; init; }

    /// <summary>Account events: skipped.</summary>
    public long Account { get; init; }

    /// <summary>Commits to collections not asked for: skipped.</summary>
    public long OtherCollection { get; init; }

    /// <summary>Events of a kind the reader does not know: skipped.</summary>
    public long UnknownKind { get; init; }

    /// <summary>Unreadable messages (not JSON, missing fields, binary frames): yielded for quarantine.</summary>
    public long Malformed { get; init; }

    /// <summary>Messages over the size limit: dropped unbuffered, yielded for quarantine with their first kilobyte.</summary>
    public long OverSize { get; init; }

    /// <summary>Connections opened.</summary>
    public long Connections { get; init; }

    /// <summary>Connections lost and connection attempts failed.</summary>
    public long Failures { get; init; }
}
