using Microsoft.Extensions.Logging;

namespace TrendingTv.Tmdb;

/// <summary>The TMDB area's log messages. Paths and ids only: never a URL's query, never a credential.</summary>
internal static partial class TmdbLog
{
    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "TMDB snapshot {Date}: requesting {Count} shows.")]
    public static partial void SnapshotStarting(ILogger logger, string date, int count);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "TMDB snapshot: show {Id} ({Name}) failed: {Reason}")]
    public static partial void ShowFailed(ILogger logger, long id, string name, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "TMDB snapshot {Date}: {Succeeded} of {Requested} shows written to {Key}.")]
    public static partial void SnapshotUploaded(ILogger logger, string date, int succeeded, int requested, string key);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "TMDB snapshot {Date}: {Failed} of {Requested} shows failed (more than {Threshold:P1} allowed, or none succeeded); nothing uploaded.")]
    public static partial void SnapshotRejected(ILogger logger, string date, int failed, int requested, double threshold);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Error, Message = "TMDB snapshot {Date}: stopped early: {Failed} of {Requested} shows failed (more than {Threshold:P1} allowed); {NotTaken} shows not taken; nothing uploaded.")]
    public static partial void SnapshotStopped(ILogger logger, string date, int failed, int requested, double threshold, int notTaken);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Show selection: {Count} shows ({Kept} kept from the existing catalogue, {Added} added, {Dropped} dropped).")]
    public static partial void ShowsSelected(ILogger logger, int count, int kept, int added, int dropped);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "Show selection written to {Target}.")]
    public static partial void CatalogueWritten(ILogger logger, string target);
}
