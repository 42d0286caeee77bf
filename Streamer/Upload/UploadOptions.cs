using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Streamer.Upload;

/// <summary>Configuration section <c>Upload</c>: the hourly upload of captured posts to the lake.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>An hour is closed this long after its end (posts stamped just before the hour's end may still be committing).</summary>
    public TimeSpan ClosedHourGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Uploaded posts stay in the capture store this long after their hour ends, then are purged.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Attempts after the first for each object's upload and verification.</summary>
    [Range(0, 20)]
    public int RetryAttempts { get; set; } = 5;

    /// <summary>First retry delay (doubling, with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Where hour files are staged before upload; empty for the system temp folder.</summary>
    public string? WorkDirectory { get; set; }
}
