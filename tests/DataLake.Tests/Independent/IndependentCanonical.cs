using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrendingTv.DataLake.Tests.Independent;

/// <summary>
/// A second, deliberately naive implementation of the canonical-record rules (docs/canonical-records.md), written
/// from the rules alone with <see cref="JsonDocument"/> and plain Unicode calls. It shares no code with DataLake: it
/// is the yardstick the product's records are held against.
/// </summary>
internal static partial class IndependentCanonical
{
    /// <summary>The records of a raw file: one per distinct post id, first wins; lines that are not posts give nothing.</summary>
    public static List<IndependentRecord> ReadFile(string path)
    {
        var records = new List<IndependentRecord>();
        var ids = new HashSet<long>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var record = Read(document.RootElement);
            if (record is not null && ids.Add(record.Id))
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static IndependentRecord? Read(JsonElement root)
    {
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            return ReadV2(root, data);
        }

        return root.TryGetProperty("created_at", out _) ? ReadV1(root) : null;
    }

    // v1.1: the first of six places that holds a text, and the hashtags of the object that holds it.
    private static IndependentRecord ReadV1(JsonElement status)
    {
        var id = status.TryGetProperty("id_str", out var idString) && idString.ValueKind == JsonValueKind.String
            ? long.Parse(idString.GetString()!, CultureInfo.InvariantCulture)
            : status.GetProperty("id").GetInt64();
        var created = DateTimeOffset.ParseExact(status.GetProperty("created_at").GetString()!, "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture).ToUniversalTime();

        var places = new List<(JsonElement Holder, JsonElement? Carrier, string TextName)>();
        if (Child(status, "retweeted_status") is { } retweeted)
        {
            if (Child(retweeted, "extended_tweet") is { } extended)
            {
                places.Add((extended, retweeted, "full_text"));
            }

            places.Add((retweeted, null, "full_text"));
            places.Add((retweeted, null, "text"));
        }

        if (Child(status, "extended_tweet") is { } ownExtended)
        {
            places.Add((ownExtended, status, "full_text"));
        }

        places.Add((status, null, "full_text"));
        places.Add((status, null, "text"));
        var (holder, carrier, textName) = places.First(p => Child(p.Holder, p.TextName) is { ValueKind: JsonValueKind.String });
        var hashtags = Hashtags(holder, "text") ?? (carrier is { } c ? Hashtags(c, "text") : null) ?? [];
        return Record(id, created, Lang(status), holder.GetProperty(textName).GetString()!, hashtags, "v1");
    }

    // v2: a retweet reads the retweeted post from includes.tweets (note_tweet first); otherwise, or when it is
    // missing there, the post's own note_tweet, then its text.
    private static IndependentRecord ReadV2(JsonElement root, JsonElement data)
    {
        var idElement = data.GetProperty("id");
        var id = idElement.ValueKind == JsonValueKind.String ? long.Parse(idElement.GetString()!, CultureInfo.InvariantCulture) : idElement.GetInt64();
        var created = DateTimeOffset.Parse(data.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        var source = data;
        var retweetedId = Child(data, "referenced_tweets")?.EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == "retweeted")
            .Select(r => r.GetProperty("id").ToString())
            .FirstOrDefault();
        if (retweetedId is not null && Child(root, "includes") is { } includes && Child(includes, "tweets") is { } tweets)
        {
            foreach (var tweet in tweets.EnumerateArray())
            {
                if (tweet.GetProperty("id").ToString() == retweetedId && (Child(tweet, "note_tweet") is not null || Child(tweet, "text") is not null))
                {
                    source = tweet;
                    break;
                }
            }
        }

        string text;
        string[] hashtags;
        if (Child(source, "note_tweet") is { } note && Child(note, "text") is { ValueKind: JsonValueKind.String } noteText)
        {
            text = noteText.GetString()!;
            hashtags = Hashtags(note, "tag") ?? Hashtags(source, "tag") ?? [];
        }
        else
        {
            text = source.GetProperty("text").GetString()!;
            hashtags = Hashtags(source, "tag") ?? [];
        }

        return Record(id, created, Lang(data), text, hashtags, "v2");
    }

    private static IndependentRecord Record(long id, DateTimeOffset created, string? lang, string rawText, string[] hashtags, string format)
    {
        var utc = created.UtcDateTime;
        var seconds = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc);
        var text = HtmlEntity().Replace(rawText, m => m.Value switch { "&amp;" => "&", "&lt;" => "<", _ => ">" });
        var keys = new List<string>();
        foreach (var hashtag in hashtags)
        {
            var key = HashtagKey(hashtag);
            if (key.Length > 0 && !keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return new IndependentRecord(
            id,
            seconds.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            seconds.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            lang,
            text,
            TextKey(text),
            string.Join('|', keys),
            format);
    }

    /// <summary>NFKC, invariant lower case, trimmed, one leading '#' removed.</summary>
    public static string HashtagKey(string hashtag)
    {
        var key = hashtag.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Trim();
        return key.StartsWith('#') ? key[1..].Trim() : key;
    }

    /// <summary>Words of letters and digits (with the combining marks that follow them) between single spaces.</summary>
    public static string TextKey(string text)
    {
        var key = new StringBuilder(" ");
        var inWord = false;
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            var value = rune.Value;
            if ((value >= 0xFE00 && value <= 0xFE0F) || (value >= 0xE0100 && value <= 0xE01EF))
            {
                continue; // variation selector: as if absent
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(value);
            var letterOrDigit = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber;
            var mark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
            if (letterOrDigit || (mark && inWord))
            {
                key.Append(rune.ToString().ToLowerInvariant());
                inWord = true;
            }
            else
            {
                if (key[^1] != ' ')
                {
                    key.Append(' ');
                }

                inWord = false;
            }
        }

        if (key[^1] != ' ')
        {
            key.Append(' ');
        }

        return key.ToString();
    }

    private static string[]? Hashtags(JsonElement holder, string tagName)
    {
        if (Child(holder, "entities") is not { } entities)
        {
            return null;
        }

        return Child(entities, "hashtags") is { } list
            ? [.. list.EnumerateArray().Select(h => h.GetProperty(tagName).GetString()!).Where(t => t.Length > 0)]
            : [];
    }

    private static string? Lang(JsonElement element) => Child(element, "lang")?.GetString();

    private static JsonElement? Child(JsonElement element, string name) =>
        element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null ? child : null;

    [GeneratedRegex("&(amp|lt|gt);")]
    private static partial Regex HtmlEntity();
}
