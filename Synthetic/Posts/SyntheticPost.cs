namespace TrendingTv.Synthetic.Posts;

/// <summary>
/// One post as its author wrote it, before any wire format: what the generators plan and an
/// <see cref="IPostPayloadEncoder"/> renders (X v1.1 statuses and v2 envelopes today, Bluesky
/// Jetstream events next). <see cref="Text"/> is raw — encoders apply their format's escaping
/// (X HTML-escapes <c>&amp; &lt; &gt;</c>; Bluesky does not) and their length limits.
/// <see cref="Hashtags"/> are the tags written in the text, without '#', in order.
/// </summary>
/// <param name="Id">Unique, and increasing with <see cref="CreatedAt"/>: an X snowflake id (<see cref="X.XSnowflake"/>); other formats derive their own keys from it.</param>
/// <param name="CreatedAt">When the post was made (UTC).</param>
/// <param name="Author">Who made it.</param>
/// <param name="Text">The full text, raw.</param>
/// <param name="Hashtags">The hashtags in <paramref name="Text"/>, without '#'.</param>
/// <param name="Lang">A BCP-47 language code, or <c>und</c>.</param>
/// <param name="Kind">Original, reply, quote or repost.</param>
/// <param name="Subject">The post replied to, quoted or reposted (null for an original).</param>
public sealed record SyntheticPost(
    long Id,
    DateTimeOffset CreatedAt,
    SyntheticAuthor Author,
    string Text,
    IReadOnlyList<string> Hashtags,
    string Lang,
    SyntheticPostKind Kind = SyntheticPostKind.Original,
    SyntheticPost? Subject = null);
