namespace TrendingTv.Synthetic.X;

/// <summary>How much of a real X payload the writers produce besides the fields TrendingTv reads; each level adds to the one before.</summary>
public enum XPayloadDetail
{
    /// <summary>What matching and normalising read (ids, dates, text, hashtags, language, the referenced post) and little else: small, quick files (the demo).</summary>
    Lean,

    /// <summary>Lean plus the authors: the whole v1.1 user object, the v2 <c>includes.users</c> (a stream requested with <c>expansions=author_id</c>).</summary>
    Users,

    /// <summary>Users plus all else the APIs send: metrics, URLs, mentions, places, photos, context annotations (the normaliser's benchmark).</summary>
    Full,
}
