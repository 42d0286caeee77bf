namespace TrendingTv.Synthetic.Posts;

/// <summary>What a <see cref="SyntheticPost"/> is, relative to its <see cref="SyntheticPost.Subject"/>.</summary>
public enum SyntheticPostKind
{
    /// <summary>A post of its own.</summary>
    Original,

    /// <summary>A reply to the subject; its own text is what counts.</summary>
    Reply,

    /// <summary>A quote of the subject; its own text is what counts.</summary>
    Quote,

    /// <summary>A repost (X retweet) of the subject, with no text of its own: the subject's text counts.</summary>
    Repost,
}
