using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrendingTv.PostsBench;

/// <summary>
/// Generates, deterministically from a seed, an hour of the X API v2 filtered stream as the streamer captures it:
/// <c>{data, includes, matching_rules}</c> envelopes with users, referenced posts (retweets, quotes, replies),
/// long posts (<c>note_tweet</c>), context annotations, plus the stream's keep-alive blank lines every 20 s,
/// an errors-only disconnect notice and a few duplicate deliveries.
/// </summary>
internal sealed class V2HourGenerator(int seed)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random _random = new(seed);
    private long _idCounter;

    /// <summary>The bytes, and how many of the lines are distinct posts.</summary>
    public (byte[] Bytes, int Posts) Generate(int posts, DateTime hourUtc)
    {
        var buffer = new ArrayBufferWriter<byte>(posts * 3000);
        var lines = new List<(int Start, int Length)>();
        var writer = new Utf8JsonWriter(buffer, Options);
        var keepAliveEvery = Math.Max(1, posts / 180);
        for (var i = 0; i < posts; i++)
        {
            var createdAt = hourUtc.AddMilliseconds(3_600_000.0 * i / posts);
            var start = buffer.WrittenCount;
            writer.Reset(buffer);
            WriteEnvelope(writer, createdAt);
            writer.Flush();
            lines.Add((start, buffer.WrittenCount - start));
            buffer.Write("\n"u8);
            if (i % keepAliveEvery == 0)
            {
                buffer.Write("\r\n"u8);
            }

            if (i % 1000 == 999)
            {
                // Streams redeliver: the same post again, byte for byte.
                var (dupStart, dupLength) = lines[_random.Next(lines.Count)];
                var copy = buffer.WrittenSpan.Slice(dupStart, dupLength).ToArray();
                buffer.Write(copy);
                buffer.Write("\n"u8);
            }

            if (i == posts / 2)
            {
                buffer.Write("""{"errors":[{"title":"operational-disconnect","disconnect_type":"OperationalDisconnect","detail":"This stream has been disconnected for operational reasons.","type":"https://api.twitter.com/2/problems/operational-disconnect"}]}"""u8);
                buffer.Write("\n"u8);
            }
        }

        return (buffer.WrittenSpan.ToArray(), posts);
    }

    /// <summary>
    /// The same kind of hour streamed to <paramref name="output"/> in 1 MB writes, for hours too large to hold: a
    /// redelivered post is one of the last thousand. Returns the number of distinct posts.
    /// </summary>
    public async Task<int> WriteHourAsync(Stream output, int posts, DateTime hourUtc)
    {
        var buffer = new ArrayBufferWriter<byte>(2 << 20);
        var recent = new byte[1000][];
        var writer = new Utf8JsonWriter(buffer, Options);
        var keepAliveEvery = Math.Max(1, posts / 180);
        for (var i = 0; i < posts; i++)
        {
            var start = buffer.WrittenCount;
            writer.Reset(buffer);
            WriteEnvelope(writer, hourUtc.AddMilliseconds(3_600_000.0 * i / posts));
            writer.Flush();
            recent[i % recent.Length] = buffer.WrittenSpan[start..].ToArray();
            buffer.Write("\n"u8);
            if (i % keepAliveEvery == 0)
            {
                buffer.Write("\r\n"u8);
            }

            if (i % 1000 == 999)
            {
                buffer.Write(recent[_random.Next(recent.Length)]);
                buffer.Write("\n"u8);
            }

            if (buffer.WrittenCount >= 1 << 20)
            {
                await output.WriteAsync(buffer.WrittenMemory);
                buffer.ResetWrittenCount();
            }
        }

        await output.WriteAsync(buffer.WrittenMemory);
        return posts;
    }

    private long NextId(DateTime createdAt) =>
        (((long)(createdAt - new DateTime(2010, 11, 4, 1, 42, 54, 657, DateTimeKind.Utc)).TotalMilliseconds) << 22) | (++_idCounter & 0x3FFFFF);

    private void WriteEnvelope(Utf8JsonWriter w, DateTime createdAt)
    {
        var r = _random;
        var id = NextId(createdAt);
        var author = r.NextInt64(1_000_000, 1_500_000_000_000_000_000);
        var roll = r.Next(100);
        var retweet = roll < 40;
        var quote = roll is >= 40 and < 48;
        var reply = roll is >= 48 and < 60;
        var longPost = r.Next(100) < 6;
        var referencedId = id - r.Next(1, 10_000_000);
        var referencedAuthor = r.NextInt64(1_000_000, 1_500_000_000_000_000_000);

        w.WriteStartObject();
        w.WriteStartObject("data");
        var (text, tags) = Compose(r, longPost && !retweet ? r.Next(300, 900) : r.Next(40, 270));
        if (retweet)
        {
            text = "RT @viewer_" + referencedAuthor % 100000 + ": " + text;
            if (text.Length > 140)
            {
                text = string.Concat(text.AsSpan(0, 139), "…");
            }
        }

        WriteTweet(w, id, author, createdAt, text, tags, longPost && !retweet, withContext: true);
        if (retweet || quote || reply)
        {
            w.WriteStartArray("referenced_tweets");
            w.WriteStartObject();
            w.WriteString("type", retweet ? "retweeted" : quote ? "quoted" : "replied_to");
            w.WriteString("id", referencedId.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteStartObject("includes");
        w.WriteStartArray("users");
        WriteUser(w, r, author);
        if (retweet || quote || reply)
        {
            WriteUser(w, r, referencedAuthor);
        }

        w.WriteEndArray();
        if ((retweet || quote || reply) && r.Next(50) != 0)
        {
            // One time in fifty the referenced post is missing from includes (deleted or protected).
            w.WriteStartArray("tweets");
            w.WriteStartObject();
            var referencedLong = r.Next(100) < 10;
            var (original, originalTags) = Compose(r, referencedLong ? r.Next(300, 900) : r.Next(40, 270));
            WriteTweet(w, referencedId, referencedAuthor, createdAt.AddMinutes(-r.Next(1, 600)), original, originalTags, referencedLong, withContext: false);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteStartArray("matching_rules");
        w.WriteStartObject();
        w.WriteString("id", "1377640000000000" + r.Next(100, 999).ToString(CultureInfo.InvariantCulture));
        w.WriteString("tag", "tv shows " + r.Next(1, 9).ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTweet(Utf8JsonWriter w, long id, long author, DateTime createdAt, string text, List<string> tags, bool longPost, bool withContext)
    {
        var idText = id.ToString(CultureInfo.InvariantCulture);
        w.WriteString("id", idText);
        w.WriteString("author_id", author.ToString(CultureInfo.InvariantCulture));
        w.WriteString("conversation_id", idText);
        w.WriteString("created_at", createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("lang", "en");
        w.WriteBoolean("possibly_sensitive", false);
        w.WriteString("reply_settings", "everyone");
        w.WriteString("source", "Twitter for iPhone");
        w.WriteStartArray("edit_history_tweet_ids");
        w.WriteStringValue(idText);
        w.WriteEndArray();
        w.WriteStartObject("public_metrics");
        w.WriteNumber("retweet_count", 3);
        w.WriteNumber("reply_count", 1);
        w.WriteNumber("like_count", 12);
        w.WriteNumber("quote_count", 0);
        w.WriteEndObject();
        var visible = longPost ? string.Concat(text.AsSpan(0, 275), "…") : text;
        w.WriteString("text", visible);
        WriteEntities(w, visible, tags);
        if (longPost)
        {
            w.WriteStartObject("note_tweet");
            w.WriteString("text", text);
            WriteEntities(w, text, tags);
            w.WriteEndObject();
        }

        if (withContext)
        {
            w.WriteStartArray("context_annotations");
            for (var i = 0; i < 4; i++)
            {
                w.WriteStartObject();
                w.WriteStartObject("domain");
                w.WriteString("id", "3");
                w.WriteString("name", "TV Shows");
                w.WriteString("description", "Television shows from around the world");
                w.WriteEndObject();
                w.WriteStartObject("entity");
                w.WriteString("id", "10000" + i);
                w.WriteString("name", PayloadText.Shows[i].Name);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    private static void WriteEntities(Utf8JsonWriter w, string text, List<string> tags)
    {
        var present = tags.Where(tag => text.Contains("#" + tag, StringComparison.Ordinal)).ToList();
        if (present.Count == 0)
        {
            return;
        }

        w.WriteStartObject("entities");
        w.WriteStartArray("hashtags");
        foreach (var tag in present)
        {
            var at = text.IndexOf("#" + tag, StringComparison.Ordinal);
            w.WriteStartObject();
            w.WriteNumber("start", at);
            w.WriteNumber("end", at + tag.Length + 1);
            w.WriteString("tag", tag);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter w, Random r, long id)
    {
        w.WriteStartObject();
        w.WriteString("id", id.ToString(CultureInfo.InvariantCulture));
        w.WriteString("name", "Viewer " + id % 100000);
        w.WriteString("username", "viewer_" + id % 100000);
        w.WriteString("created_at", "2012-03-01T10:00:00.000Z");
        w.WriteString("description", "TV addict. " + PayloadText.Words[r.Next(PayloadText.Words.Length)]);
        w.WriteString("location", "");
        w.WriteString("profile_image_url", "https://pbs.twimg.com/profile_images/" + id + "/a_normal.jpg");
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

    private static (string Text, List<string> Tags) Compose(Random r, int length)
    {
        var text = new StringBuilder(length + 40);
        var show = PayloadText.Shows[r.Next(PayloadText.Shows.Length)];
        while (text.Length < length)
        {
            var roll = r.Next(40);
            text.Append(roll switch
            {
                0 => show.Name.Replace("&", "&amp;", StringComparison.Ordinal),
                1 => PayloadText.Emoji[r.Next(PayloadText.Emoji.Length)],
                2 => PayloadText.Foreign[r.Next(PayloadText.Foreign.Length)],
                _ => PayloadText.Words[r.Next(PayloadText.Words.Length)],
            });
            text.Append(' ');
        }

        var tags = new List<string>();
        for (var i = r.Next(4); i > 0; i--)
        {
            var tag = PayloadText.Shows[r.Next(PayloadText.Shows.Length)].Hashtag;
            tags.Add(tag);
            text.Append('#').Append(tag).Append(' ');
        }

        return (text.ToString().TrimEnd(), tags);
    }
}
