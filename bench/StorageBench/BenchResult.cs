using System.Text.Json.Serialization;

namespace TrendingTv.StorageBench;

/// <summary>One round trip's figures; printed as the last line, <c>RESULT {json}</c>, for scripts and tests.</summary>
public sealed record BenchResult(
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("root")] string Root,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("part_bytes")] long PartBytes,
    [property: JsonPropertyName("upload_seconds")] double UploadSeconds,
    [property: JsonPropertyName("download_seconds")] double DownloadSeconds,
    [property: JsonPropertyName("upload_mib_per_s")] double UploadMiBPerSecond,
    [property: JsonPropertyName("download_mib_per_s")] double DownloadMiBPerSecond,
    [property: JsonPropertyName("stored_size")] long StoredSize,
    [property: JsonPropertyName("upload_sha256")] string UploadSha256,
    [property: JsonPropertyName("download_sha256")] string DownloadSha256,
    [property: JsonPropertyName("hashes_match")] bool HashesMatch,
    [property: JsonPropertyName("peak_working_set_bytes")] long PeakWorkingSetBytes,
    [property: JsonPropertyName("vm_hwm_bytes")] long? VmHwmBytes,
    [property: JsonPropertyName("peak_bytes")] long PeakBytes)
{
    /// <summary>The prefix of the machine-readable line.</summary>
    public const string LinePrefix = "RESULT ";
}
