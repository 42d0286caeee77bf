using System.ComponentModel.DataAnnotations;

namespace TrendingTv.DataLake.Posts;

/// <summary>Options of <see cref="PostNormaliser"/>.</summary>
public sealed class PostNormaliserOptions
{
    /// <summary>The default maximum line length: 1 MiB.</summary>
    public const int DefaultMaxLineBytes = 1024 * 1024;

    /// <summary>A line longer than this (in bytes, without its newline) is quarantined unread.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = DefaultMaxLineBytes;
}
