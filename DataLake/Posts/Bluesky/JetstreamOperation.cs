namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>The operation of a Jetstream commit; <see cref="None"/> for identity, account and malformed events.</summary>
public enum JetstreamOperation
{
    None,
    Create,
    Update,
    Delete,
}
