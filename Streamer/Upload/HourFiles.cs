namespace TrendingTv.Streamer.Upload;

/// <summary>An hour staged for upload: the raw and canonical files, their sizes and SHA-256, and the counts of what the normaliser made of the posts.</summary>
internal sealed record HourFiles(
    string RawPath,
    long RawBytes,
    string RawSha256,
    string CanonicalPath,
    long CanonicalBytes,
    string CanonicalSha256,
    long Posts,
    long Canonical,
    long Skipped,
    long Quarantined);
