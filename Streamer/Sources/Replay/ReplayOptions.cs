using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Streamer.Sources.Replay;

/// <summary>How a replay reads its files.</summary>
public sealed class ReplayOptions
{
    /// <summary>Posts per second; 0 replays as fast as possible.</summary>
    [Range(0, 1_000_000, ErrorMessage = "--rate must be between 0 (as fast as possible) and 1000000 posts per second.")]
    public double PostsPerSecond { get; set; }

    /// <summary>Longest line accepted (a longer line is quarantined: skipped and counted with its line number).</summary>
    [Range(1024, 64 << 20)]
    public int MaxLineBytes { get; set; } = 4 << 20;

    /// <summary>Malformed or quarantined lines logged one by one at most; the rest are counted and summarised once.</summary>
    [Range(0, 10_000)]
    public int MaxLineWarnings { get; set; } = 20;
}
