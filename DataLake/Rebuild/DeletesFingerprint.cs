using System.Text.Json.Serialization;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// The deletes logs that can name posts of an hour (those of that hour and every later one), summarised by their
/// number and total size: any delete logged since changes it. Sources without deletes have <see cref="None"/>.
/// </summary>
public sealed record DeletesFingerprint(
    [property: JsonPropertyName("files")] int Files,
    [property: JsonPropertyName("bytes")] long Bytes)
{
    public static DeletesFingerprint None { get; } = new(0, 0);
}
