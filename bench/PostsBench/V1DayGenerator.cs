using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrendingTv.PostsBench;

/// <summary>
/// Generates, deterministically from a seed, a day of X API v1.1 stream statuses as the original pipeline captured
/// them: one status a line, 4–8 KB each, with user objects, entities, media, places, extended posts
/// (<c>truncated</c> + <c>extended_tweet</c>), retweets (<c>retweeted_status</c>) and quotes (<c>quoted_status</c>).
/// </summary>
internal sealed class V1DayGenerator(int seed)
{
    private const int MinBytes = 4096;
    private const int MaxBytes = 8192;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random _random = new(seed);
    private readonly ArrayBufferWriter<byte> _scratch = new(16 * 1024);
    private long _idCounter;

    public byte[] Generate(int posts, DateOnly day)
    {
        using var output = new MemoryStream(capacity: posts * 6300);
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        for (var i = 0; i < posts; i++)
        {
            var createdAt = start.AddMilliseconds(86_400_000.0 * i / posts);
            var target = _random.Next(MinBytes, MaxBytes + 1);
            var kind = _random.Next(100) switch
            {
                < 45 => PostKind.Retweet,
                < 55 => PostKind.Quote,
                _ => PostKind.Original,
            };
            var extended = _random.Next(100) < 35;
            var seedForPost = _random.Next();

            // Add photos (the usual bulk of a large status) to reach the target size: measure without and with one,
            // then write the status with as many as the target needs.
            var bare = Render(seedForPost, createdAt, kind, extended, media: 0);
            if (bare < target - 300)
            {
                var perPhoto = Math.Max(1, Render(seedForPost, createdAt, kind, extended, media: 1) - bare);
                var photos = Math.Clamp((target - 300 - bare + perPhoto - 1) / perPhoto, 1, 8);
                if (photos > 1)
                {
                    Render(seedForPost, createdAt, kind, extended, photos);
                }
            }

            output.Write(_scratch.WrittenSpan);
            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    private int Render(int postSeed, DateTime createdAt, PostKind kind, bool extended, int media)
    {
        _scratch.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_scratch, Options))
        {
            WriteStatus(writer, new Random(postSeed), createdAt, kind, extended, media, depth: 0);
        }

        return _scratch.WrittenCount;
    }

    private enum PostKind
    {
        Original,
        Retweet,
        Quote,
    }

    private long NextId(DateTime createdAt) =>
        (((long)(createdAt - new DateTime(2010, 11, 4, 1, 42, 54, 657, DateTimeKind.Utc)).TotalMilliseconds) << 22) | (++_idCounter & 0x3FFFFF);

    private void WriteStatus(Utf8JsonWriter w, Random r, DateTime createdAt, PostKind kind, bool extended, int media, int depth)
    {
        var id = NextId(createdAt);
        var user = r.Next(1_000_000, 1_400_000_000);
        var lang = PayloadText.Langs[r.Next(PayloadText.Langs.Length)];
        var (full, hashtags) = ComposeText(r, extended ? r.Next(150, 280) : r.Next(40, 140));
        var truncated = full.Length > 140;
        var shortText = truncated ? string.Concat(full.AsSpan(0, 113), "… https://t.co/", ShortCode(r)) : full;
        if (kind == PostKind.Retweet && depth == 0)
        {
            var original = $"RT @{ScreenName(r)}: {full}";
            shortText = original.Length > 140 ? string.Concat(original.AsSpan(0, 139), "…") : original;
        }

        w.WriteStartObject();
        w.WriteString("created_at", createdAt.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture));
        w.WriteNumber("id", id);
        w.WriteString("id_str", id.ToString(CultureInfo.InvariantCulture));
        w.WriteString("text", shortText);
        if (truncated && kind != PostKind.Retweet)
        {
            w.WriteStartArray("display_text_range");
            w.WriteNumberValue(0);
            w.WriteNumberValue(140);
            w.WriteEndArray();
        }

        w.WriteString("source", PayloadText.Sources[r.Next(PayloadText.Sources.Length)]);
        w.WriteBoolean("truncated", truncated && kind != PostKind.Retweet);
        var reply = r.Next(10) == 0;
        WriteNullableId(w, "in_reply_to_status_id", reply ? id - r.Next(1, 1_000_000) : null);
        WriteNullableId(w, "in_reply_to_user_id", reply ? r.Next(1_000_000, 1_400_000_000) : null);
        if (reply)
        {
            w.WriteString("in_reply_to_screen_name", ScreenName(r));
        }
        else
        {
            w.WriteNull("in_reply_to_screen_name");
        }

        w.WritePropertyName("user");
        WriteUser(w, r, user);
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
        if (kind == PostKind.Retweet && depth == 0)
        {
            w.WritePropertyName("retweeted_status");
            WriteStatus(w, r, createdAt.AddMinutes(-r.Next(1, 600)), PostKind.Original, extended, media, depth + 1);
        }

        var quote = kind == PostKind.Quote && depth == 0;
        w.WriteBoolean("is_quote_status", quote);
        if (quote)
        {
            var quotedId = id - r.Next(1, 1_000_000);
            w.WriteNumber("quoted_status_id", quotedId);
            w.WriteString("quoted_status_id_str", quotedId.ToString(CultureInfo.InvariantCulture));
            w.WritePropertyName("quoted_status");
            WriteStatus(w, r, createdAt.AddMinutes(-r.Next(1, 600)), PostKind.Original, r.Next(2) == 0, media / 2, depth + 1);
        }

        if (truncated && kind != PostKind.Retweet)
        {
            w.WriteStartObject("extended_tweet");
            w.WriteString("full_text", full);
            w.WriteStartArray("display_text_range");
            w.WriteNumberValue(0);
            w.WriteNumberValue(full.Length);
            w.WriteEndArray();
            WriteEntities(w, r, full, hashtags, media);
            if (media > 0)
            {
                WriteExtendedEntities(w, r, media, id);
            }

            w.WriteEndObject();
        }

        w.WriteNumber("quote_count", r.Next(0, 20));
        w.WriteNumber("reply_count", r.Next(0, 50));
        w.WriteNumber("retweet_count", r.Next(0, 5000));
        w.WriteNumber("favorite_count", r.Next(0, 20000));

        // The top-level entities describe the (possibly cut) top-level text: hashtags past the cut are not there.
        var visibleTags = hashtags.Where(tag => shortText.Contains("#" + tag, StringComparison.Ordinal)).ToList();
        WriteEntities(w, r, shortText, visibleTags, truncated ? 0 : media);
        if (media > 0 && !truncated)
        {
            WriteExtendedEntities(w, r, media, id);
        }

        w.WriteBoolean("favorited", false);
        w.WriteBoolean("retweeted", false);
        w.WriteBoolean("possibly_sensitive", false);
        w.WriteString("filter_level", "low");
        w.WriteString("lang", lang);
        if (depth == 0)
        {
            w.WriteString("timestamp_ms", new DateTimeOffset(createdAt).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }

        w.WriteEndObject();
    }

    private static void WriteNullableId(Utf8JsonWriter w, string name, long? id)
    {
        if (id is { } value)
        {
            w.WriteNumber(name, value);
            w.WriteString(name + "_str", value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
            w.WriteNull(name + "_str");
        }
    }

    private static (string Text, List<string> Hashtags) ComposeText(Random r, int length)
    {
        var text = new StringBuilder(length + 40);
        var hashtags = new List<string>();
        var show = PayloadText.Shows[r.Next(PayloadText.Shows.Length)];
        var mentionShow = r.Next(3) == 0;
        while (text.Length < length)
        {
            var roll = r.Next(40);
            if (roll == 0 && mentionShow)
            {
                text.Append(show.Name.Replace("&", "&amp;", StringComparison.Ordinal));
            }
            else if (roll == 1)
            {
                text.Append(PayloadText.Emoji[r.Next(PayloadText.Emoji.Length)]);
            }
            else if (roll == 2)
            {
                text.Append(PayloadText.Foreign[r.Next(PayloadText.Foreign.Length)]);
            }
            else if (roll == 3)
            {
                text.Append("&amp;");
            }
            else
            {
                text.Append(PayloadText.Words[r.Next(PayloadText.Words.Length)]);
            }

            text.Append(' ');
        }

        // Hashtags usually close the post, so in an extended post they sit past the 140th character.
        var tags = r.Next(4);
        for (var i = 0; i < tags; i++)
        {
            var tag = i == 0 ? show.Hashtag : PayloadText.Shows[r.Next(PayloadText.Shows.Length)].Hashtag;
            hashtags.Add(tag);
            text.Append('#').Append(tag).Append(' ');
        }

        return (text.ToString().TrimEnd(), hashtags);
    }

    private static void WriteEntities(Utf8JsonWriter w, Random r, string text, List<string> hashtags, int media)
    {
        w.WriteStartObject("entities");
        w.WriteStartArray("hashtags");
        foreach (var tag in hashtags)
        {
            var at = text.IndexOf("#" + tag, StringComparison.Ordinal);
            w.WriteStartObject();
            w.WriteString("text", tag);
            w.WriteStartArray("indices");
            w.WriteNumberValue(at);
            w.WriteNumberValue(at + tag.Length + 1);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("urls");
        if (r.Next(3) == 0)
        {
            var code = ShortCode(r);
            w.WriteStartObject();
            w.WriteString("url", "https://t.co/" + code);
            w.WriteString("expanded_url", "https://www.example-tv-news.com/articles/" + r.Next() + "/season-finale-recap");
            w.WriteString("display_url", "example-tv-news.com/articles/" + r.Next() + "…");
            w.WriteStartArray("indices");
            w.WriteNumberValue(10);
            w.WriteNumberValue(33);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("user_mentions");
        for (var i = r.Next(3); i > 0; i--)
        {
            var id = r.Next(1_000_000, 1_400_000_000);
            w.WriteStartObject();
            w.WriteString("screen_name", ScreenName(r));
            w.WriteString("name", "Some Name " + id % 1000);
            w.WriteNumber("id", id);
            w.WriteString("id_str", id.ToString(CultureInfo.InvariantCulture));
            w.WriteStartArray("indices");
            w.WriteNumberValue(0);
            w.WriteNumberValue(12);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("symbols");
        w.WriteEndArray();
        if (media > 0)
        {
            w.WriteStartArray("media");
            WriteMedia(w, r, 1, 0);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteExtendedEntities(Utf8JsonWriter w, Random r, int media, long id)
    {
        w.WriteStartObject("extended_entities");
        w.WriteStartArray("media");
        WriteMedia(w, r, media, id);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMedia(Utf8JsonWriter w, Random r, int count, long statusId)
    {
        for (var i = 0; i < count; i++)
        {
            var id = 1_300_000_000_000_000_000L + r.NextInt64(100_000_000_000_000_000L);
            var code = ShortCode(r);
            var file = ShortCode(r) + ShortCode(r);
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("id_str", id.ToString(CultureInfo.InvariantCulture));
            w.WriteStartArray("indices");
            w.WriteNumberValue(117);
            w.WriteNumberValue(140);
            w.WriteEndArray();
            w.WriteString("media_url", "http://pbs.twimg.com/media/" + file + ".jpg");
            w.WriteString("media_url_https", "https://pbs.twimg.com/media/" + file + ".jpg");
            w.WriteString("url", "https://t.co/" + code);
            w.WriteString("display_url", "pic.twitter.com/" + code);
            w.WriteString("expanded_url", "https://twitter.com/someone/status/" + statusId + "/photo/" + (i + 1));
            w.WriteString("type", "photo");
            w.WriteStartObject("sizes");
            foreach (var (name, width, height, resize) in new[] { ("thumb", 150, 150, "crop"), ("medium", 1200, 675, "fit"), ("small", 680, 383, "fit"), ("large", 1280, 720, "fit") })
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

    private static void WriteUser(Utf8JsonWriter w, Random r, long id)
    {
        var screen = ScreenName(r);
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteString("id_str", id.ToString(CultureInfo.InvariantCulture));
        w.WriteString("name", "Viewer " + screen);
        w.WriteString("screen_name", screen);
        w.WriteString("location", r.Next(3) == 0 ? "Los Angeles, CA" : "");
        w.WriteNull("url");
        w.WriteString("description", "TV addict. Opinions my own. " + string.Join(' ', Enumerable.Range(0, r.Next(3, 20)).Select(_ => PayloadText.Words[r.Next(PayloadText.Words.Length)])));
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
        var image = ShortCode(r);
        w.WriteString("profile_image_url", "http://pbs.twimg.com/profile_images/" + id + "/" + image + "_normal.jpg");
        w.WriteString("profile_image_url_https", "https://pbs.twimg.com/profile_images/" + id + "/" + image + "_normal.jpg");
        w.WriteString("profile_banner_url", "https://pbs.twimg.com/profile_banners/" + id + "/1600000000");
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

    private static string ScreenName(Random r) => "user_" + r.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    private static string ShortCode(Random r)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> code = stackalloc char[10];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[r.Next(Alphabet.Length)];
        }

        return new string(code);
    }
}
