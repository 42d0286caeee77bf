using System.Text.Json.Serialization;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// The canonical ("silver") record of one post, one JSON object a line in
/// <c>tweets/YYYY/MM/DD/HH/YYYY-MM-DD-HH.jsonl</c> (X) or <c>bluesky_posts/…</c> (Bluesky); every field is described in
/// docs/canonical-records.md. Property names are the JSON names.
/// </summary>
public sealed record CanonicalPost
{
    [JsonPropertyName("id")]
    public required long Id { get; init; }

    /// <summary>ISO-8601 UTC, e.g. <c>2020-11-23T18:04:05Z</c>.</summary>
    [JsonPropertyName("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The UTC date of <see cref="CreatedAt"/>, <c>yyyy-MM-dd</c>.</summary>
    [JsonPropertyName("date")]
    public required DateOnly Date { get; init; }

    [JsonPropertyName("lang")]
    public string? Lang { get; init; }

    /// <summary>The full text, HTML entities unescaped.</summary>
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    /// <summary><see cref="Catalogue.MatchKeys.TextKey"/> of <see cref="Text"/>.</summary>
    [JsonPropertyName("text_key")]
    public required string TextKey { get; init; }

    /// <summary>Hashtag keys (<see cref="Catalogue.MatchKeys.PostHashtagKeys"/>): each once, in order of first appearance.</summary>
    [JsonPropertyName("hashtags")]
    public required IReadOnlyList<string> Hashtags { get; init; }

    /// <summary>"v1" for a v1.1 status, "v2" for a v2 stream envelope.</summary>
    [JsonPropertyName("format")]
    public required string Format { get; init; }

    /// <summary>Where the post was captured: <see cref="PostSources.X"/> or <see cref="PostSources.Bluesky"/>.</summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = PostSources.X;

    /// <summary>The post's own address where the source has one (Bluesky's <c>at://</c> URI); null for X.</summary>
    [JsonPropertyName("uri")]
    public string? Uri { get; init; }

    /// <summary>The <see cref="NormaliserVersion"/> whose rules wrote this record; 0 for records written before versions existed.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = NormaliserVersion.Current;

    /// <summary>Value equality, including the hashtags in order (a record would compare the list by reference).</summary>
    public bool Equals(CanonicalPost? other) =>
        other is not null
        && Id == other.Id
        && CreatedAt.Equals(other.CreatedAt)
        && CreatedAt.Offset == other.CreatedAt.Offset
        && Date == other.Date
        && string.Equals(Lang, other.Lang, StringComparison.Ordinal)
        && string.Equals(Text, other.Text, StringComparison.Ordinal)
        && string.Equals(TextKey, other.TextKey, StringComparison.Ordinal)
        && Hashtags.SequenceEqual(other.Hashtags, StringComparer.Ordinal)
        && string.Equals(Format, other.Format, StringComparison.Ordinal)
        && string.Equals(Source, other.Source, StringComparison.Ordinal)
        && string.Equals(Uri, other.Uri, StringComparison.Ordinal)
        && Version == other.Version;

    public override int GetHashCode() => HashCode.Combine(Id, CreatedAt, Date, Text, Format);

    /// <summary>The canonical JSON line (<see cref="CanonicalPostJson"/>), hashtags included.</summary>
    public override string ToString() => CanonicalPostJson.Serialize(this);
}
