namespace TrendingTv.DataLake.Posts;

/// <summary>Why a post read from a raw input is not written: not dropped, a repeated id, or an id the caller leaves out (deleted).</summary>
internal enum PostDrop
{
    None,
    Duplicate,
    LeftOut,
}
