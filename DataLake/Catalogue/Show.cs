namespace TrendingTv.DataLake.Catalogue;

/// <summary>
/// One tracked show of the catalogue, its texts trimmed. <see cref="TextKey"/> and <see cref="HashtagKeys"/>
/// are the match keys derived from it (docs/canonical-records.md).
/// </summary>
public sealed record Show
{
    public Show(long id, string name, string hashtag, string? phrase = null, bool textMatch = true, string? originalName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(hashtag);
        Id = id;
        Name = name.Trim();
        Hashtag = hashtag.Trim(); // "#MalcolmInTheMiddle " in the original catalogue
        Phrase = string.IsNullOrWhiteSpace(phrase) ? null : phrase.Trim();
        TextMatch = textMatch;
        OriginalName = string.IsNullOrWhiteSpace(originalName) ? null : originalName.Trim();
        TextKey = MatchKeys.TextKey(Phrase ?? Name);
        HashtagKeys = MatchKeys.ShowHashtagKeys(hashtag);
    }

    /// <summary>The TMDB id.</summary>
    public long Id { get; }

    /// <summary>The display name; also the text-match phrase unless <see cref="Phrase"/> is set.</summary>
    public string Name { get; }

    /// <summary>The hashtag as written in the catalogue (e.g. <c>#TheMandalorian</c>).</summary>
    public string Hashtag { get; }

    /// <summary>Optional phrase to match post text by, instead of the name.</summary>
    public string? Phrase { get; }

    /// <summary>False for names too common to match by text; hashtags still match.</summary>
    public bool TextMatch { get; }

    /// <summary>Optional original-language name (from TMDB show selection).</summary>
    public string? OriginalName { get; }

    /// <summary>The text key of <see cref="Phrase"/> or <see cref="Name"/>.</summary>
    public string TextKey { get; }

    /// <summary>The hashtag key and its "the" alternate.</summary>
    public IReadOnlyList<string> HashtagKeys { get; }
}
