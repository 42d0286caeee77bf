namespace TrendingTv.DataLake.Posts;

/// <summary>
/// Which object of a raw X payload gave a post its canonical text and hashtags: one value per row of the text-choice
/// table in docs/canonical-records.md, in the table's order. The first row whose text is present wins.
/// </summary>
public enum TextSource
{
    /// <summary>Not a post: no text was chosen.</summary>
    None,

    /// <summary>v1.1 <c>retweeted_status.extended_tweet.full_text</c>.</summary>
    V1RetweetedExtendedTweet,

    /// <summary>v1.1 <c>retweeted_status.full_text</c>.</summary>
    V1RetweetedFullText,

    /// <summary>v1.1 <c>retweeted_status.text</c>.</summary>
    V1RetweetedText,

    /// <summary>v1.1 <c>extended_tweet.full_text</c>.</summary>
    V1ExtendedTweet,

    /// <summary>v1.1 <c>full_text</c>.</summary>
    V1FullText,

    /// <summary>v1.1 <c>text</c>.</summary>
    V1Text,

    /// <summary>v2 retweet: the retweeted post in <c>includes.tweets</c>, its <c>note_tweet.text</c>.</summary>
    V2RetweetedNoteTweet,

    /// <summary>v2 retweet: the retweeted post in <c>includes.tweets</c>, its <c>text</c>.</summary>
    V2RetweetedText,

    /// <summary>v2 <c>data.note_tweet.text</c> (also a retweet whose retweeted post is missing from <c>includes</c>).</summary>
    V2NoteTweet,

    /// <summary>v2 <c>data.text</c> (also a retweet whose retweeted post is missing from <c>includes</c>).</summary>
    V2Text,
}
