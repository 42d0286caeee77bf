namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// One Jetstream message as <see cref="JetstreamEventReader"/> classified it, with the fields TrendingTv uses.
/// Identifiers are those of the message; what is absent is null (or 0 for <see cref="TimeUs"/>).
/// </summary>
public sealed class JetstreamEvent
{
    private string? _recordUri;

    public required JetstreamEventKind Kind { get; init; }

    /// <summary>The commit's operation; <see cref="JetstreamOperation.None"/> for other kinds.</summary>
    public JetstreamOperation Operation { get; init; }

    /// <summary>The repository (account) the event is about.</summary>
    public string? Did { get; init; }

    /// <summary>When Jetstream relayed the event, in Unix microseconds: the stream's cursor unit.</summary>
    public long TimeUs { get; init; }

    /// <summary>The commit's collection NSID, e.g. <c>app.bsky.feed.post</c>.</summary>
    public string? Collection { get; init; }

    /// <summary>The commit's record key (a TID for posts and reposts).</summary>
    public string? RecordKey { get; init; }

    /// <summary>The post record, for <see cref="JetstreamEventKind.Post"/>.</summary>
    public BlueskyPostRecord? Post { get; init; }

    /// <summary>The reposted post's <c>at://</c> URI (<c>record.subject.uri</c>), for <see cref="JetstreamEventKind.Repost"/>.</summary>
    public string? SubjectUri { get; init; }

    /// <summary>The message's <c>kind</c> as sent, when it is not one this reader knows.</summary>
    public string? KindName { get; init; }

    /// <summary>Why the message is <see cref="JetstreamEventKind.Malformed"/>: one line naming the field.</summary>
    public string? MalformedReason { get; init; }

    /// <summary>
    /// The record's address, <c>at://{did}/{collection}/{rkey}</c>, for posts, reposts and deletes; null otherwise.
    /// </summary>
    public string? RecordUri =>
        Kind is JetstreamEventKind.Post or JetstreamEventKind.Repost or JetstreamEventKind.Delete
            ? _recordUri ??= BlueskyCanonicalPosts.RecordUri(Did!, Collection!, RecordKey!)
            : null;

    public override string ToString() => Kind == JetstreamEventKind.Malformed
        ? $"Malformed ({MalformedReason})"
        : $"{Kind} {Operation} {RecordUri ?? Did} at {TimeUs}";
}
