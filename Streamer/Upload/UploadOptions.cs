using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Streamer.Upload;

/// <summary>Configuration section <c>Upload</c>: the hourly upload of captured posts to the lake. Every setting is range-checked at start-up.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>An hour is closed this long after its end (posts stamped just before the hour's end may still be committing).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Upload:ClosedHourGrace must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan ClosedHourGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Uploaded posts stay in the capture store this long after their hour ends, then are purged (only hours in the ledger are ever purged).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Upload:Retention must be between 00:00:00 and 3650.00:00:00.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Attempts after the first for each object's upload and verification.</summary>
    [Range(0, 20, ErrorMessage = "Upload:RetryAttempts must be between 0 and 20.")]
    public int RetryAttempts { get; set; } = 5;

    /// <summary>First retry delay (doubling, with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Upload:RetryDelay must be between 00:00:00 and 00:10:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an upload waits for another upload of the same store to finish before it gives up.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "02:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Upload:LockWait must be between 00:00:00 and 02:00:00.")]
    public TimeSpan LockWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where hour files are staged before upload; empty: a folder next to the store (<c>&lt;store&gt;.upload-staging</c>), so stores never share one.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>The staging folder of the store at <paramref name="databasePath"/>.</summary>
    public string StagingFolder(string databasePath) =>
        string.IsNullOrWhiteSpace(WorkDirectory) ? databasePath + ".upload-staging" : Path.GetFullPath(WorkDirectory);
}
