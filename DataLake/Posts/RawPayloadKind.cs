namespace TrendingTv.DataLake.Posts;

/// <summary>What a raw payload line is, as <see cref="RawPostReader"/> reads it.</summary>
public enum RawPayloadKind
{
    /// <summary>A post: a v1.1 status or a v2 envelope with <c>data</c>, with an id, a creation time and a text.</summary>
    Post,

    /// <summary>A stream message that is not a post: a keep-alive (blank), a v1.1 notice (<c>delete</c>, <c>limit</c>…) or a v2 errors-only envelope.</summary>
    NotAPost,

    /// <summary>Not JSON, not one object, or a post missing what every post has (id, creation time, text) or with a field of the wrong type.</summary>
    Malformed,
}
