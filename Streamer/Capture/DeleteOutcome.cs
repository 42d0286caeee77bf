namespace TrendingTv.Streamer.Capture;

/// <summary>What a delete did in the posts store.</summary>
internal enum DeleteOutcome
{
    /// <summary>The store does not hold the post (never kept, or purged after upload).</summary>
    NotHeld,

    /// <summary>The post was not uploaded yet: removed from the store.</summary>
    Removed,

    /// <summary>The post's hour was uploaded: the delete waits for the lake's deletes log.</summary>
    ToLog,
}
