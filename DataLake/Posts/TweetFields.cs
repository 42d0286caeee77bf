namespace TrendingTv.DataLake.Posts;

/// <summary>The fields of one post object (a v1.1 status or a v2 tweet) that the canonical record can use.</summary>
internal struct TweetFields
{
    public static readonly TweetFields Empty = new()
    {
        Lang = Utf8Slice.None,
        Text = Utf8Slice.None,
        FullText = Utf8Slice.None,
        LongText = Utf8Slice.None,
        Hashtags = HashtagRange.None,
        LongHashtags = HashtagRange.None,
    };

    public long Id;
    public bool HasId;
    public DateTimeOffset CreatedAt;
    public bool HasCreatedAt;
    public Utf8Slice Lang;

    /// <summary>v1.1 and v2 <c>text</c>.</summary>
    public Utf8Slice Text;

    /// <summary>v1.1 REST <c>full_text</c>.</summary>
    public Utf8Slice FullText;

    /// <summary>v1.1 <c>extended_tweet.full_text</c>, v2 <c>note_tweet.text</c>.</summary>
    public Utf8Slice LongText;

    /// <summary><c>entities</c> hashtags.</summary>
    public HashtagRange Hashtags;

    /// <summary>v1.1 <c>extended_tweet.entities</c>, v2 <c>note_tweet.entities</c> hashtags.</summary>
    public HashtagRange LongHashtags;

    /// <summary>v2: the id of the post this one retweets (<c>referenced_tweets</c> of type <c>retweeted</c>).</summary>
    public long RetweetedId;
    public bool HasRetweetedId;
}
