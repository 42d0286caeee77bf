using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Streamer.Capture;

/// <summary>Configuration section <c>Capture</c>: the SQLite capture store and how posts are batched into it. Every setting is range-checked at start-up.</summary>
public sealed class CaptureOptions
{
    public const string SectionName = "Capture";

    /// <summary>The SQLite file (WAL mode). Env: <c>Capture__DatabasePath</c>.</summary>
    [Required(ErrorMessage = "Capture:DatabasePath is not set (env Capture__DatabasePath).")]
    public string DatabasePath { get; set; } = "streamer.db";

    /// <summary>Posts per transaction at most.</summary>
    [Range(1, 100_000, ErrorMessage = "Capture:BatchSize must be between 1 and 100000.")]
    public int BatchSize { get; set; } = 4000;

    /// <summary>
    /// Payload bytes per transaction at most. Posts in memory (the batch committing plus the one filling) stay
    /// below twice this: the reader waits while that much is uncommitted.
    /// </summary>
    [Range(4096, 256L << 20, ErrorMessage = "Capture:BatchMaxBytes must be between 4096 and 268435456.")]
    public long BatchMaxBytes { get; set; } = 2 << 20;

    /// <summary>A partly filled batch is committed after this long (a slow stream still commits promptly).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Capture:BatchMaxDelay must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan BatchMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Posts kept per received UTC hour; further posts of that hour are dropped and counted. 0 = unlimited.
    /// The original pipeline kept 5,000 an hour to stay within its API budget.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Capture:HourlyCap must be 0 (unlimited) or more.")]
    public int HourlyCap { get; set; }

    /// <summary>SQLite <c>synchronous</c>: <c>Full</c> (a commit survives power loss) or <c>Normal</c> (survives a process crash only).</summary>
    [RegularExpression("^(?i)(full|normal)$", ErrorMessage = "Capture:Synchronous must be Full or Normal.")]
    public string Synchronous { get; set; } = "Full";
}
