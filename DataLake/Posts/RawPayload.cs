namespace TrendingTv.DataLake.Posts;

/// <summary>
/// What <see cref="RawPostReader.Read(ReadOnlySpan{byte})"/> found in one raw payload. For a post: its id, its
/// creation time (UTC, whole seconds, as the canonical record keeps it), its format (<c>v1</c> or <c>v2</c>) and the
/// rule that chose its text. For a message that is not a post, <see cref="Detail"/> is its kind (<c>blank</c>,
/// <c>delete</c>, <c>limit</c>, <c>errors</c>…); for a malformed payload, the one-line reason naming the fault.
/// </summary>
public readonly record struct RawPayload(RawPayloadKind Kind, long Id, DateTimeOffset CreatedAt, string? Format, TextSource TextSource, string? Detail)
{
    /// <summary>The format of a v1.1 status.</summary>
    public const string V1 = "v1";

    /// <summary>The format of a v2 filtered-stream envelope.</summary>
    public const string V2 = "v2";

    public bool IsPost => Kind == RawPayloadKind.Post;

    internal static RawPayload Post(string format, long id, DateTimeOffset createdAt, TextSource textSource) =>
        new(RawPayloadKind.Post, id, PostDates.ToWholeSecondsUtc(createdAt), format, textSource, null);

    internal static RawPayload NotAPost(string kind) => new(RawPayloadKind.NotAPost, 0, default, null, TextSource.None, kind);

    internal static RawPayload Malformed(string reason) => new(RawPayloadKind.Malformed, 0, default, null, TextSource.None, reason);
}
