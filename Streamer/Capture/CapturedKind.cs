namespace TrendingTv.Streamer.Capture;

/// <summary>What a <see cref="CapturedPost"/> asks of the posts store.</summary>
public enum CapturedKind
{
    /// <summary>A post to keep (once by id).</summary>
    Post,

    /// <summary>A delete of a post (see <c>DeleteBook</c>).</summary>
    Delete,

    /// <summary>Only a checkpoint: the source read on past events it did not yield.</summary>
    Progress,
}
