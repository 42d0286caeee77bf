using System.Text.Json;
using System.Text.Json.Serialization;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// What wrote one canonical hour, stored beside it as <c>…/YYYY-MM-DD-HH.manifest.json</c> and written after the
/// canonical file: the normaliser version, the raw hour it read (size, SHA-256), the canonical file it wrote (size,
/// SHA-256) and the counts. It is how a later check knows, from listings and this small file alone, that the
/// canonical hour is complete and current (docs/canonical-records.md, "Staleness").
/// </summary>
public sealed record CanonicalHourManifest
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>The UTC hour.</summary>
    [JsonPropertyName("hour")]
    public required DateTimeOffset Hour { get; init; }

    /// <summary>The <see cref="Posts.NormaliserVersion"/> whose rules wrote the canonical file.</summary>
    [JsonPropertyName("version")]
    public required int Version { get; init; }

    [JsonPropertyName("raw_key")]
    public required string RawKey { get; init; }

    [JsonPropertyName("raw_bytes")]
    public required long RawBytes { get; init; }

    [JsonPropertyName("raw_sha256")]
    public required string RawSha256 { get; init; }

    [JsonPropertyName("canonical_key")]
    public required string CanonicalKey { get; init; }

    [JsonPropertyName("canonical_bytes")]
    public required long CanonicalBytes { get; init; }

    [JsonPropertyName("canonical_sha256")]
    public required string CanonicalSha256 { get; init; }

    /// <summary>Raw lines read, and what became of them.</summary>
    [JsonPropertyName("lines")]
    public required long Lines { get; init; }

    /// <summary>Canonical records written: the posts the raw hour yields.</summary>
    [JsonPropertyName("posts")]
    public required long Posts { get; init; }

    [JsonPropertyName("duplicates")]
    public long Duplicates { get; init; }

    [JsonPropertyName("skipped")]
    public long Skipped { get; init; }

    [JsonPropertyName("quarantined")]
    public long Quarantined { get; init; }

    /// <summary>Posts left out because a deletes log names them.</summary>
    [JsonPropertyName("left_out")]
    public long LeftOut { get; init; }

    /// <summary>The deletes logs the rebuild applied (Bluesky); empty for sources without deletes.</summary>
    [JsonPropertyName("deletes")]
    public DeletesFingerprint Deletes { get; init; } = DeletesFingerprint.None;

    /// <summary><c>tweets/…/2026-11-25-05.manifest.json</c>: beside the canonical file, with a name no canonical reader picks up (<c>*.jsonl</c>).</summary>
    public static string KeyOf(string source, DateTimeOffset hour)
    {
        var canonical = LakeLayout.CanonicalPostHourKey(source, hour);
        return string.Concat(canonical.AsSpan(0, canonical.Length - ".jsonl".Length), ".manifest.json");
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Parses a manifest; null when the bytes are not one (a damaged manifest is as good as none).</summary>
    public static CanonicalHourManifest? TryParse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<CanonicalHourManifest>(utf8, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
