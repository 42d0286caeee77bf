namespace TrendingTv.Streamer.Upload;

/// <summary>
/// One row of the upload ledger: a source's hour whose raw and canonical files were uploaded and verified (or, with
/// <see cref="PostCount"/> 0, an hour in which the source was connected throughout and received nothing: recorded
/// as empty, nothing uploaded). <see cref="Purged"/>: the hour's posts were deleted from the store after the retention.
/// </summary>
public sealed record UploadLedgerEntry(
    string Source,
    DateTimeOffset Hour,
    long PostCount,
    long CanonicalCount,
    long SkippedCount,
    long QuarantinedCount,
    string? RawKey,
    long RawBytes,
    string? RawSha256,
    string? CanonicalKey,
    long CanonicalBytes,
    string? CanonicalSha256,
    DateTimeOffset UploadedAt,
    bool Purged = false);
