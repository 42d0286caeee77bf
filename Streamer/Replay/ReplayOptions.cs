using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Streamer.Replay;

/// <summary>How a replay reads its files.</summary>
public sealed class ReplayOptions
{
    /// <summary>Posts per second; 0 replays as fast as possible.</summary>
    [Range(0, double.MaxValue)]
    public double PostsPerSecond { get; set; }

    /// <summary>Longest line accepted (a longer line is reported and skipped).</summary>
    [Range(1024, 64 << 20)]
    public int MaxLineBytes { get; set; } = 4 << 20;
}
