namespace TrendingTv.DataLake.Posts;

/// <summary>
/// The text-choice rules, in one pure function per format that reads like the table in docs/canonical-records.md:
/// the first row whose text is present gives the post's text, and its hashtags come from the same object. The
/// reader has already found where every candidate lies; nothing here reads bytes or decodes.
/// </summary>
internal static class TextChoice
{
    /// <summary>A v1.1 status: the retweeted status's texts first (a retweet's own text is cut with "…"), then its own.</summary>
    public static ChosenText ForV1(in TweetFields status, in TweetFields retweeted, bool isRetweet)
    {
        if (isRetweet)
        {
            if (retweeted.LongText.IsSet)
            {
                return new(TextSource.V1RetweetedExtendedTweet, retweeted.LongText, LongFormHashtags(retweeted));
            }

            if (retweeted.FullText.IsSet)
            {
                return new(TextSource.V1RetweetedFullText, retweeted.FullText, retweeted.Hashtags);
            }

            if (retweeted.Text.IsSet)
            {
                return new(TextSource.V1RetweetedText, retweeted.Text, retweeted.Hashtags);
            }
        }

        if (status.LongText.IsSet)
        {
            return new(TextSource.V1ExtendedTweet, status.LongText, LongFormHashtags(status));
        }

        if (status.FullText.IsSet)
        {
            return new(TextSource.V1FullText, status.FullText, status.Hashtags);
        }

        return status.Text.IsSet ? new(TextSource.V1Text, status.Text, status.Hashtags) : ChosenText.None;
    }

    /// <summary>
    /// A v2 envelope: a retweet takes the retweeted post from <c>includes.tweets</c>; when that post is missing (X
    /// reports it in <c>errors</c>) the retweet falls back to its own text, like any other post.
    /// </summary>
    public static ChosenText ForV2(in TweetFields data, ReadOnlySpan<TweetFields> included)
    {
        if (data.HasRetweetedId)
        {
            foreach (ref readonly var post in included)
            {
                if (!post.HasId || post.Id != data.RetweetedId)
                {
                    continue;
                }

                if (post.LongText.IsSet)
                {
                    return new(TextSource.V2RetweetedNoteTweet, post.LongText, LongFormHashtags(post));
                }

                if (post.Text.IsSet)
                {
                    return new(TextSource.V2RetweetedText, post.Text, post.Hashtags);
                }
            }
        }

        if (data.LongText.IsSet)
        {
            return new(TextSource.V2NoteTweet, data.LongText, LongFormHashtags(data));
        }

        return data.Text.IsSet ? new(TextSource.V2Text, data.Text, data.Hashtags) : ChosenText.None;
    }

    /// <summary>
    /// The hashtags of an <c>extended_tweet</c> / <c>note_tweet</c>: its own entities; a long form without entities
    /// falls back to the entities of the post that carries it.
    /// </summary>
    private static HashtagRange LongFormHashtags(in TweetFields post) => post.LongHashtags.IsSet ? post.LongHashtags : post.Hashtags;
}
