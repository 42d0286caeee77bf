namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// The parts of an <c>app.bsky.feed.post</c> record that TrendingTv reads, decoded as the record holds them
/// (Bluesky does not HTML-escape text, so nothing is unescaped beyond JSON). The client's <c>createdAt</c> is
/// deliberately absent: it is the client's claim and can be years old for imported posts.
/// </summary>
public sealed class BlueskyPostRecord
{
    /// <summary><c>record.text</c>; may be empty when the post only embeds something.</summary>
    public required string Text { get; init; }

    /// <summary>The <c>tag</c> of each <c>app.bsky.richtext.facet#tag</c> feature, in the order of <c>record.facets</c>.</summary>
    public IReadOnlyList<string> FacetTags { get; init; } = [];

    /// <summary><c>record.tags</c>: extra hashtags not in the text.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary><c>record.langs</c> as written (e.g. <c>en</c>, <c>en-US</c>); empty when missing.</summary>
    public IReadOnlyList<string> Langs { get; init; } = [];

    /// <summary>The post this one replies to (<c>reply.parent.uri</c>), if a reply.</summary>
    public string? ReplyParentUri { get; init; }

    /// <summary>The first post of the thread (<c>reply.root.uri</c>), if a reply.</summary>
    public string? ReplyRootUri { get; init; }

    /// <summary>The embed's <c>$type</c> (<c>app.bsky.embed.images</c>, <c>…record</c>, <c>…recordWithMedia</c>…), if any.</summary>
    public string? EmbedType { get; init; }

    /// <summary>The quoted record of a quote post (<c>embed.record.uri</c>, or <c>embed.record.record.uri</c> with media).</summary>
    public string? QuotedUri { get; init; }
}
