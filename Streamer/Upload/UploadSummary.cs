namespace TrendingTv.Streamer.Upload;

/// <summary>What one upload run did: hours uploaded, hours recorded as empty, hours that failed (per source), posts purged.</summary>
public sealed record UploadSummary(
    IReadOnlyList<UploadLedgerEntry> Uploaded,
    IReadOnlyList<(string Source, DateTimeOffset Hour)> EmptyHours,
    IReadOnlyList<(string Source, DateTimeOffset Hour)> FailedHours,
    long Purged)
{
    public bool Succeeded => FailedHours.Count == 0;
}
