using System.Globalization;
using System.Text.Json;
using TrendingTv.Synthetic.Posts;

namespace TrendingTv.Synthetic.X;

/// <summary>
/// Writes a <see cref="SyntheticPost"/> as an X API v1.1 status, as the streaming API delivered it
/// in compatibility mode: a post over 140 characters is <c>truncated</c> with its whole text and
/// entities in <c>extended_tweet</c>; a repost's own <c>text</c> is "RT @author: …" cut with "…"
/// while <c>truncated</c> stays false, the original being in <c>retweeted_status</c>; a quote
/// carries <c>quoted_status</c>; a reply its <c>in_reply_to_*</c> ids. Text is HTML-escaped, and the
/// top-level entities list only the hashtags the shown text holds. <see cref="XPayloadDetail.Users"/>
/// adds the whole user object; <see cref="XPayloadDetail.Full"/> also counts, URLs, mentions, a place
/// now and then, and photos (the usual bulk of a large status).
/// </summary>
public static class XV1StatusWriter
{
    private const string DateFormat = "ddd MMM dd HH:mm:ss +0000 yyyy";

    /// <summary>Writes <paramref name="post"/> as one status object.</summary>
    /// <param name="writer">Where the object goes.</param>
    /// <param name="post">The post (its subject is embedded as the retweeted or quoted status).</param>
    /// <param name="random">For the incidental fields of <see cref="XPayloadDetail.Full"/> (counts, user profile, URLs, place).</param>
    /// <param name="detail">How much besides what TrendingTv reads.</param>
    /// <param name="photos">Photos attached (full detail only); a quoted status gets half as many.</param>
    public static void Write(Utf8JsonWriter writer, SyntheticPost post, Random random, XPayloadDetail detail, int photos = 0)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(random);
        WriteStatus(writer, post, random, detail, photos, topLevel: true);
    }

    // One status in the order X sends its fields; a reason to be long: the order is the format.
    private static void WriteStatus(Utf8JsonWriter w, SyntheticPost post, Random r, XPayloadDetail detail, int photos, bool topLevel)
    {
        var full = detail == XPayloadDetail.Full;
        var repost = post is { Kind: SyntheticPostKind.Repost, Subject: not null };
        var truncated = !repost && post.Text.Length > XText.V1Limit;
        var shown = repost
            ? XText.Cut($"RT @{post.Subject!.Author.Handle}: {post.Subject.Text}", XText.V1Limit - 1)
            : truncated ? string.Concat(XText.Prefix(post.Text, 113), "… ", XText.ShortLink(post.Id)) : post.Text;
        var hashtags = repost ? post.Subject!.Hashtags : post.Hashtags;

        w.WriteStartObject();
        w.WriteString("created_at", post.CreatedAt.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
        w.WriteNumber("id", post.Id);
        w.WriteString("id_str", XText.Str(post.Id));
        w.WriteString("text", XText.Escape(shown));
        if (truncated && full)
        {
            WriteRange(w, "display_text_range", 0, XText.V1Limit);
        }

        w.WriteString("source", PostVocabulary.Clients[(int)(post.Author.Id % PostVocabulary.Clients.Length)].Html);
        w.WriteBoolean("truncated", truncated);
        var reply = post is { Kind: SyntheticPostKind.Reply, Subject: not null };
        WriteNullableId(w, "in_reply_to_status_id", reply ? post.Subject!.Id : null);
        WriteNullableId(w, "in_reply_to_user_id", reply ? post.Subject!.Author.Id : null);
        if (reply)
        {
            w.WriteString("in_reply_to_screen_name", post.Subject!.Author.Handle);
        }
        else
        {
            w.WriteNull("in_reply_to_screen_name");
        }

        w.WritePropertyName("user");
        WriteUser(w, r, post.Author, detail >= XPayloadDetail.Users);
        if (full)
        {
            w.WriteNull("geo");
            w.WriteNull("coordinates");
            if (r.Next(5) == 0)
            {
                WritePlace(w, r);
            }
            else
            {
                w.WriteNull("place");
            }

            w.WriteNull("contributors");
        }

        if (repost && topLevel)
        {
            w.WritePropertyName("retweeted_status");
            WriteStatus(w, post.Subject!, r, detail, photos, topLevel: false);
        }

        var quote = post is { Kind: SyntheticPostKind.Quote, Subject: not null } && topLevel;
        w.WriteBoolean("is_quote_status", quote);
        if (quote)
        {
            w.WriteNumber("quoted_status_id", post.Subject!.Id);
            w.WriteString("quoted_status_id_str", XText.Str(post.Subject.Id));
            w.WritePropertyName("quoted_status");
            WriteStatus(w, post.Subject, r, detail, photos / 2, topLevel: false);
        }

        if (truncated)
        {
            w.WriteStartObject("extended_tweet");
            w.WriteString("full_text", XText.Escape(post.Text));
            WriteRange(w, "display_text_range", 0, post.Text.Length);
            WriteEntities(w, r, post.Text, hashtags, full, full ? photos : 0);
            if (full && photos > 0)
            {
                WriteExtendedEntities(w, r, photos, post.Id);
            }

            w.WriteEndObject();
        }

        if (full)
        {
            w.WriteNumber("quote_count", r.Next(0, 20));
            w.WriteNumber("reply_count", r.Next(0, 50));
            w.WriteNumber("retweet_count", r.Next(0, 5000));
            w.WriteNumber("favorite_count", r.Next(0, 20000));
        }

        WriteEntities(w, r, shown, [.. XText.Positions(shown, hashtags).Select(p => p.Tag)], full, truncated || !full ? 0 : photos);
        if (full && photos > 0 && !truncated)
        {
            WriteExtendedEntities(w, r, photos, post.Id);
        }

        if (full)
        {
            w.WriteBoolean("favorited", false);
            w.WriteBoolean("retweeted", false);
            w.WriteBoolean("possibly_sensitive", false);
            w.WriteString("filter_level", "low");
        }

        w.WriteString("lang", post.Lang);
        if (topLevel)
        {
            w.WriteString("timestamp_ms", XText.Str(post.CreatedAt.ToUnixTimeMilliseconds()));
        }

        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, string name, int start, int end)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(start);
        w.WriteNumberValue(end);
        w.WriteEndArray();
    }

    private static void WriteNullableId(Utf8JsonWriter w, string name, long? id)
    {
        if (id is { } value)
        {
            w.WriteNumber(name, value);
            w.WriteString(name + "_str", XText.Str(value));
        }
        else
        {
            w.WriteNull(name);
            w.WriteNull(name + "_str");
        }
    }

    private static void WriteEntities(Utf8JsonWriter w, Random r, string text, IReadOnlyList<string> hashtags, bool full, int photos)
    {
        w.WriteStartObject("entities");
        w.WriteStartArray("hashtags");
        foreach (var (tag, start, end) in XText.Positions(text, hashtags))
        {
            w.WriteStartObject();
            w.WriteString("text", tag);
            WriteRange(w, "indices", start, end);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("urls");
        if (full && r.Next(3) == 0)
        {
            var article = r.Next();
            w.WriteStartObject();
            w.WriteString("url", XText.ShortLink(article));
            w.WriteString("expanded_url", "https://www.example-tv-news.com/articles/" + XText.Str(article) + "/season-finale-recap");
            w.WriteString("display_url", "example-tv-news.com/articles/" + XText.Str(article) + "…");
            WriteRange(w, "indices", 10, 33);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("user_mentions");
        for (var i = full ? r.Next(3) : 0; i > 0; i--)
        {
            var id = r.Next(1_000_000, 1_400_000_000);
            w.WriteStartObject();
            w.WriteString("screen_name", "user_" + XText.Str(id % 1_000_000));
            w.WriteString("name", "Some Name " + XText.Str(id % 1000));
            w.WriteNumber("id", id);
            w.WriteString("id_str", XText.Str(id));
            WriteRange(w, "indices", 0, 12);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("symbols");
        w.WriteEndArray();
        if (photos > 0)
        {
            w.WriteStartArray("media");
            WritePhotos(w, r, 1, 0);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteExtendedEntities(Utf8JsonWriter w, Random r, int photos, long statusId)
    {
        w.WriteStartObject("extended_entities");
        w.WriteStartArray("media");
        WritePhotos(w, r, photos, statusId);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePhotos(Utf8JsonWriter w, Random r, int count, long statusId)
    {
        for (var i = 0; i < count; i++)
        {
            var id = 1_300_000_000_000_000_000L + r.NextInt64(100_000_000_000_000_000L);
            var code = XText.ShortCode(id);
            var file = XText.ShortCode(id + 1) + XText.ShortCode(id + 2);
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("id_str", XText.Str(id));
            WriteRange(w, "indices", 117, 140);
            w.WriteString("media_url", "http://pbs.twimg.com/media/" + file + ".jpg");
            w.WriteString("media_url_https", "https://pbs.twimg.com/media/" + file + ".jpg");
            w.WriteString("url", "https://t.co/" + code);
            w.WriteString("display_url", "pic.twitter.com/" + code);
            w.WriteString("expanded_url", "https://twitter.com/someone/status/" + XText.Str(statusId) + "/photo/" + XText.Str(i + 1));
            w.WriteString("type", "photo");
            w.WriteStartObject("sizes");
            foreach (var (name, width, height, resize) in PhotoSizes)
            {
                w.WriteStartObject(name);
                w.WriteNumber("w", width);
                w.WriteNumber("h", height);
                w.WriteString("resize", resize);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    private static readonly (string Name, int Width, int Height, string Resize)[] PhotoSizes =
        [("thumb", 150, 150, "crop"), ("medium", 1200, 675, "fit"), ("small", 680, 383, "fit"), ("large", 1280, 720, "fit")];

    // A reason to be long: the user object is a flat list of X's fields.
    private static void WriteUser(Utf8JsonWriter w, Random r, SyntheticAuthor author, bool whole)
    {
        w.WriteStartObject();
        w.WriteNumber("id", author.Id);
        w.WriteString("id_str", XText.Str(author.Id));
        if (!whole)
        {
            w.WriteString("screen_name", author.Handle);
            w.WriteEndObject();
            return;
        }

        w.WriteString("name", "Viewer " + author.Handle);
        w.WriteString("screen_name", author.Handle);
        w.WriteString("location", r.Next(3) == 0 ? "Los Angeles, CA" : "");
        w.WriteNull("url");
        w.WriteString("description", "TV addict. Opinions my own. " + string.Join(' ', Enumerable.Range(0, r.Next(3, 20)).Select(_ => PostVocabulary.Words[r.Next(PostVocabulary.Words.Length)])));
        w.WriteString("translator_type", "none");
        w.WriteBoolean("protected", false);
        w.WriteBoolean("verified", r.Next(50) == 0);
        w.WriteNumber("followers_count", r.Next(0, 100_000));
        w.WriteNumber("friends_count", r.Next(0, 5000));
        w.WriteNumber("listed_count", r.Next(0, 200));
        w.WriteNumber("favourites_count", r.Next(0, 200_000));
        w.WriteNumber("statuses_count", r.Next(0, 300_000));
        w.WriteString("created_at", "Wed Aug 12 09:13:44 +0000 2009");
        w.WriteNull("utc_offset");
        w.WriteNull("time_zone");
        w.WriteBoolean("geo_enabled", r.Next(2) == 0);
        w.WriteNull("lang");
        w.WriteBoolean("contributors_enabled", false);
        w.WriteBoolean("is_translator", false);
        w.WriteString("profile_background_color", "C0DEED");
        w.WriteString("profile_background_image_url", "http://abs.twimg.com/images/themes/theme1/bg.png");
        w.WriteString("profile_background_image_url_https", "https://abs.twimg.com/images/themes/theme1/bg.png");
        w.WriteBoolean("profile_background_tile", false);
        w.WriteString("profile_link_color", "1DA1F2");
        w.WriteString("profile_sidebar_border_color", "C0DEED");
        w.WriteString("profile_sidebar_fill_color", "DDEEF6");
        w.WriteString("profile_text_color", "333333");
        w.WriteBoolean("profile_use_background_image", true);
        var image = XText.ShortCode(r.NextInt64());
        w.WriteString("profile_image_url", "http://pbs.twimg.com/profile_images/" + XText.Str(author.Id) + "/" + image + "_normal.jpg");
        w.WriteString("profile_image_url_https", "https://pbs.twimg.com/profile_images/" + XText.Str(author.Id) + "/" + image + "_normal.jpg");
        w.WriteString("profile_banner_url", "https://pbs.twimg.com/profile_banners/" + XText.Str(author.Id) + "/1600000000");
        w.WriteBoolean("default_profile", true);
        w.WriteBoolean("default_profile_image", false);
        w.WriteNull("following");
        w.WriteNull("follow_request_sent");
        w.WriteNull("notifications");
        w.WriteEndObject();
    }

    private static void WritePlace(Utf8JsonWriter w, Random r)
    {
        w.WriteStartObject("place");
        w.WriteString("id", "3b77caf94bfc81fe");
        w.WriteString("url", "https://api.twitter.com/1.1/geo/id/3b77caf94bfc81fe.json");
        w.WriteString("place_type", "city");
        w.WriteString("name", "Los Angeles");
        w.WriteString("full_name", "Los Angeles, CA");
        w.WriteString("country_code", "US");
        w.WriteString("country", "United States");
        w.WriteStartObject("bounding_box");
        w.WriteString("type", "Polygon");
        w.WriteStartArray("coordinates");
        w.WriteStartArray();
        for (var i = 0; i < 4; i++)
        {
            w.WriteStartArray();
            w.WriteNumberValue(-118.668404 + (r.NextDouble() / 10));
            w.WriteNumberValue(33.704538 + (r.NextDouble() / 10));
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("attributes");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
