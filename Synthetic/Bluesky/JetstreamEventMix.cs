namespace TrendingTv.Synthetic.Bluesky;

/// <summary>
/// The shares of each kind of event a <see cref="JetstreamEventGenerator"/> produces (relative weights) and how often a
/// post mentions a tracked show.
/// </summary>
public sealed record JetstreamEventMix
{
    /// <summary>
    /// What a <c>wantedCollections=app.bsky.feed.post&amp;…repost</c> subscription receives, from the real firehose's
    /// proportions, plus a few commits of other collections (a server ignoring the filter, or a stand-in serving all).
    /// </summary>
    public static JetstreamEventMix PostsAndReposts { get; } = new();

    /// <summary>The whole firehose: likes dominate, then follows, posts and reposts.</summary>
    public static JetstreamEventMix Firehose { get; } = new()
    {
        Posts = 10, Reposts = 7, PostDeletes = 1, RepostDeletes = 0.5, Likes = 62, Follows = 14, Blocks = 1.5, Identity = 2, Account = 1, UnknownKinds = 0.01,
    };

    /// <summary>Posts only (the keep filter's input).</summary>
    public static JetstreamEventMix PostsOnly { get; } = new()
    {
        Posts = 1, Reposts = 0, PostDeletes = 0, RepostDeletes = 0, Likes = 0, Follows = 0, Blocks = 0, Identity = 0, Account = 0, UnknownKinds = 0,
    };

    public double Posts { get; init; } = 66;

    public double Reposts { get; init; } = 22;

    public double PostDeletes { get; init; } = 3;

    public double RepostDeletes { get; init; } = 1;

    public double Likes { get; init; } = 1.5;

    public double Follows { get; init; } = 0.5;

    public double Blocks { get; init; } = 0.2;

    public double Identity { get; init; } = 4;

    public double Account { get; init; } = 1.8;

    public double UnknownKinds { get; init; } = 0.01;

    /// <summary>The share of posts that mention a tracked show (by name in the text, or by hashtag).</summary>
    public double ShowMentionShare { get; init; } = 0.02;
}
