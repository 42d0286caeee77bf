namespace TrendingTv.DataLake.Posts;

/// <summary>What one pass of <see cref="RawPostParser"/> found in a line: slices into the line, nothing decoded yet.</summary>
internal ref struct ParseState
{
    /// <summary>Every hashtag value seen (v1.1 <c>text</c>, v2 <c>tag</c>); <see cref="HashtagRange"/>s index into it.</summary>
    public PooledList<Utf8Slice> Tags;

    /// <summary>v2 <c>includes.tweets</c>.</summary>
    public PooledList<TweetFields> Included;

    /// <summary>The v1.1 status at the top level.</summary>
    public TweetFields Top;

    /// <summary>v1.1 <c>retweeted_status</c>.</summary>
    public TweetFields Retweeted;
    public bool HasRetweeted;

    /// <summary>v2 <c>data</c>.</summary>
    public TweetFields Data;
    public bool HasData;

    /// <summary>v2 <c>errors</c> at the top level.</summary>
    public bool HasErrors;

    /// <summary>The first v1.1 stream message key seen (<c>delete</c>, <c>limit</c>...), or null.</summary>
    public string? MessageKind;

    public ParseState(Span<Utf8Slice> tags, Span<TweetFields> included)
    {
        Tags = new PooledList<Utf8Slice>(tags);
        Included = new PooledList<TweetFields>(included);
        Top = TweetFields.Empty;
        Retweeted = TweetFields.Empty;
        Data = TweetFields.Empty;
    }

    public void Dispose()
    {
        Tags.Dispose();
        Included.Dispose();
    }
}
