using TrendingTv.DataLake.Posts;

namespace TrendingTv.Streamer.Upload;

/// <summary>An hour staged for upload: the raw and canonical files, their sizes and SHA-256, the posts read from the store and what the normaliser made of them.</summary>
internal sealed record HourFiles(
    string RawPath,
    long RawBytes,
    string RawSha256,
    string CanonicalPath,
    long CanonicalBytes,
    string CanonicalSha256,
    long Posts,
    NormaliseSummary Summary)
{
    public long Canonical => Summary.PostsWritten;

    /// <summary>Raw lines that gave no canonical record and were not quarantined: non-posts, duplicates, deleted posts left out.</summary>
    public long Skipped => Summary.Skipped + Summary.DuplicatesDropped + Summary.LeftOut;

    public long Quarantined => Summary.Quarantined;
}
