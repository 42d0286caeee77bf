using System.Globalization;
using System.Text.Json;
using TrendingTv.Synthetic.Posts;

namespace TrendingTv.Synthetic.X;

/// <summary>
/// Writes a <see cref="SyntheticPost"/> as an X API v2 filtered-stream envelope: <c>data</c> (the
/// post; over 280 characters its text is cut with "…" and the whole text and its hashtags are in
/// <c>note_tweet</c>; a repost's text is "RT @author: …" cut at 140), <c>referenced_tweets</c> and the
/// referenced post in <c>includes.tweets</c>, and <c>matching_rules</c>. Text is HTML-escaped.
/// <see cref="XPayloadDetail.Users"/> adds the authors in <c>includes.users</c>;
/// <see cref="XPayloadDetail.Full"/> also conversation ids, metrics and context annotations.
/// </summary>
public static class XV2EnvelopeWriter
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Writes <paramref name="post"/> as one envelope object.</summary>
    /// <param name="writer">Where the object goes.</param>
    /// <param name="post">The post.</param>
    /// <param name="random">For the incidental fields of <see cref="XPayloadDetail.Full"/> and the matching rule.</param>
    /// <param name="detail">How much besides what TrendingTv reads.</param>
    /// <param name="includeSubject">False to leave the referenced post out of <c>includes</c>, as X does when it was deleted or is protected.</param>
    public static void Write(Utf8JsonWriter writer, SyntheticPost post, Random random, XPayloadDetail detail, bool includeSubject = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(random);
        var full = detail == XPayloadDetail.Full;
        var w = writer;
        w.WriteStartObject();
        w.WriteStartObject("data");
        var text = post is { Kind: SyntheticPostKind.Repost, Subject: not null }
            ? XText.Cut($"RT @{post.Subject.Author.Handle}: {post.Subject.Text}", XText.V1Limit - 1)
            : post.Text;
        WritePost(w, post, text, random, full, topLevel: true);
        if (post.Subject is { } subject)
        {
            w.WriteStartArray("referenced_tweets");
            w.WriteStartObject();
            w.WriteString("type", post.Kind switch
            {
                SyntheticPostKind.Repost => "retweeted",
                SyntheticPostKind.Quote => "quoted",
                _ => "replied_to",
            });
            w.WriteString("id", XText.Str(subject.Id));
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        WriteIncludes(w, post, random, detail, includeSubject);
        w.WriteStartArray("matching_rules");
        w.WriteStartObject();
        w.WriteString("id", "1377640000000000" + random.Next(100, 999).ToString(CultureInfo.InvariantCulture));
        w.WriteString("tag", "tv shows " + random.Next(1, 9).ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteIncludes(Utf8JsonWriter w, SyntheticPost post, Random random, XPayloadDetail detail, bool includeSubject)
    {
        var users = detail >= XPayloadDetail.Users;
        var subject = includeSubject ? post.Subject : null;
        if (!users && subject is null)
        {
            return;
        }

        w.WriteStartObject("includes");
        if (users)
        {
            w.WriteStartArray("users");
            WriteUser(w, random, post.Author);
            if (post.Subject is { } referenced)
            {
                WriteUser(w, random, referenced.Author);
            }

            w.WriteEndArray();
        }

        if (subject is not null)
        {
            w.WriteStartArray("tweets");
            w.WriteStartObject();
            WritePost(w, subject, subject.Text, random, detail == XPayloadDetail.Full, topLevel: false);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WritePost(Utf8JsonWriter w, SyntheticPost post, string text, Random r, bool full, bool topLevel)
    {
        var id = XText.Str(post.Id);
        w.WriteString("id", id);
        w.WriteString("author_id", XText.Str(post.Author.Id));
        if (full)
        {
            w.WriteString("conversation_id", post is { Kind: SyntheticPostKind.Reply, Subject: not null } ? XText.Str(post.Subject.Id) : id);
        }

        w.WriteString("created_at", post.CreatedAt.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
        w.WriteString("lang", post.Lang);
        if (full)
        {
            w.WriteBoolean("possibly_sensitive", false);
            w.WriteString("reply_settings", "everyone");
            w.WriteString("source", PostVocabulary.Clients[(int)(post.Author.Id % PostVocabulary.Clients.Length)].Name);
        }

        w.WriteStartArray("edit_history_tweet_ids");
        w.WriteStringValue(id);
        w.WriteEndArray();
        if (full)
        {
            w.WriteStartObject("public_metrics");
            w.WriteNumber("retweet_count", r.Next(0, 50));
            w.WriteNumber("reply_count", r.Next(0, 10));
            w.WriteNumber("like_count", r.Next(0, 200));
            w.WriteNumber("quote_count", r.Next(0, 5));
            w.WriteEndObject();
        }

        var hashtags = post is { Kind: SyntheticPostKind.Repost, Subject: not null } ? post.Subject.Hashtags : post.Hashtags;
        var longPost = text.Length > XText.V2Limit;
        var visible = longPost ? XText.Cut(text, XText.V2Limit - 5) : text;
        w.WriteString("text", XText.Escape(visible));
        WriteHashtags(w, visible, hashtags);
        if (longPost)
        {
            w.WriteStartObject("note_tweet");
            w.WriteString("text", XText.Escape(text));
            WriteHashtags(w, text, hashtags);
            w.WriteEndObject();
        }

        if (full && topLevel)
        {
            WriteContextAnnotations(w);
        }
    }

    // X's own entity recognition, not our matching: the same TV-show annotations on every post.
    private static void WriteContextAnnotations(Utf8JsonWriter w)
    {
        w.WriteStartArray("context_annotations");
        foreach (var (index, show) in PostVocabulary.AnnotatedShows.Index())
        {
            w.WriteStartObject();
            w.WriteStartObject("domain");
            w.WriteString("id", "3");
            w.WriteString("name", "TV Shows");
            w.WriteString("description", "Television shows from around the world");
            w.WriteEndObject();
            w.WriteStartObject("entity");
            w.WriteString("id", "10000" + index.ToString(CultureInfo.InvariantCulture));
            w.WriteString("name", show);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteHashtags(Utf8JsonWriter w, string text, IReadOnlyList<string> hashtags)
    {
        var present = XText.Positions(text, hashtags).ToList();
        if (present.Count == 0)
        {
            return;
        }

        w.WriteStartObject("entities");
        w.WriteStartArray("hashtags");
        foreach (var (tag, start, end) in present)
        {
            w.WriteStartObject();
            w.WriteNumber("start", start);
            w.WriteNumber("end", end);
            w.WriteString("tag", tag);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter w, Random r, SyntheticAuthor author)
    {
        w.WriteStartObject();
        w.WriteString("id", XText.Str(author.Id));
        w.WriteString("name", "Viewer " + author.Handle);
        w.WriteString("username", author.Handle);
        w.WriteString("created_at", "2012-03-01T10:00:00.000Z");
        w.WriteString("description", "TV addict. " + PostVocabulary.Words[r.Next(PostVocabulary.Words.Length)]);
        w.WriteString("location", "");
        w.WriteString("profile_image_url", "https://pbs.twimg.com/profile_images/" + XText.Str(author.Id) + "/a_normal.jpg");
        w.WriteBoolean("protected", false);
        w.WriteBoolean("verified", false);
        w.WriteStartObject("public_metrics");
        w.WriteNumber("followers_count", r.Next(0, 100000));
        w.WriteNumber("following_count", r.Next(0, 5000));
        w.WriteNumber("tweet_count", r.Next(0, 100000));
        w.WriteNumber("listed_count", r.Next(0, 100));
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
