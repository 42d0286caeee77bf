namespace TrendingTv.Streamer.Capture;

/// <summary>What a raw stream or archive line is.</summary>
public enum PayloadKind
{
    /// <summary>A post (v2 envelope with data, or a v1.1 status).</summary>
    Post,

    /// <summary>A keep-alive, v2 errors-only envelope, or v1.1 delete/limit notice.</summary>
    NotAPost,
}
