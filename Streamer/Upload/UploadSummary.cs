namespace TrendingTv.Streamer.Upload;

/// <summary>What one upload run did: hours uploaded, hours recorded as empty, hours that failed, posts purged.</summary>
public sealed record UploadSummary(IReadOnlyList<UploadLedgerEntry> Uploaded, IReadOnlyList<DateTimeOffset> EmptyHours, IReadOnlyList<DateTimeOffset> FailedHours, long Purged)
{
    public bool Succeeded => FailedHours.Count == 0;
}
