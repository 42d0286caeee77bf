namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>What a Jetstream message is, as <see cref="JetstreamEventReader"/> classifies it.</summary>
public enum JetstreamEventKind
{
    /// <summary>A create or update of an <c>app.bsky.feed.post</c> record; <see cref="JetstreamEvent.Post"/> holds it.</summary>
    Post,

    /// <summary>A create or update of an <c>app.bsky.feed.repost</c> record; <see cref="JetstreamEvent.SubjectUri"/> is the reposted post.</summary>
    Repost,

    /// <summary>A delete of a post or a repost (<see cref="JetstreamEvent.Collection"/> says which); deletes carry no record.</summary>
    Delete,

    /// <summary>A commit to any other collection (likes, follows, profiles…), which a posts-and-reposts subscription should not receive.</summary>
    OtherCollection,

    /// <summary>An identity event (handle or DID document change): sent to every subscriber, skipped.</summary>
    Identity,

    /// <summary>An account event (activated, deactivated, taken down): sent to every subscriber, skipped.</summary>
    Account,

    /// <summary>A well-formed event of a kind this reader does not know (<see cref="JetstreamEvent.KindName"/>); skipped.</summary>
    UnknownKind,

    /// <summary>Not a usable event; <see cref="JetstreamEvent.MalformedReason"/> says why.</summary>
    Malformed,
}
