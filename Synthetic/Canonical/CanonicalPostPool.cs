using System.Globalization;
using System.Text;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.Synthetic.Posts;

namespace TrendingTv.Synthetic.Canonical;

/// <summary>
/// A pool of distinct canonical posts (text, its text key by <see cref="MatchKeys"/>, hashtag keys)
/// for benchmarks that start after normalisation: 140–280 characters of common words (some of them
/// parts of show names), invented words and hashtags, and about 40% that mention a catalogue show —
/// by name (20%), by hashtag (12%) or both (8%), popular shows more often. A day of posts is drawn
/// from it, each with its own id and time.
/// </summary>
public static class CanonicalPostPool
{
    private static readonly string[] Languages = ["en", "en", "en", "es", "pt", "fr", "de", "ja", "und"];

    /// <summary>Writes <paramref name="size"/> posts as JSON lines: <c>pool_id</c>, <c>lang</c>, <c>text</c>, <c>text_key</c>, <c>hashtags</c>.</summary>
    public static void Write(string path, int size, IReadOnlyList<Show> shows, int seed)
    {
        ArgumentNullException.ThrowIfNull(shows);
        var random = new Random(seed);
        var invented = Enumerable.Range(0, 3000)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => PostVocabulary.Syllables[random.Next(PostVocabulary.Syllables.Length)])))
            .ToArray();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        var builder = new StringBuilder(320);
        for (var i = 0; i < size; i++)
        {
            var (text, hashtags) = Compose(random, builder, shows, invented);
            writer.Write("{\"pool_id\":");
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write(",\"lang\":");
            writer.Write(JsonSerializer.Serialize(Languages[random.Next(Languages.Length)]));
            writer.Write(",\"text\":");
            writer.Write(JsonSerializer.Serialize(text));
            writer.Write(",\"text_key\":");
            writer.Write(JsonSerializer.Serialize(MatchKeys.TextKey(text)));
            writer.Write(",\"hashtags\":");
            writer.Write(JsonSerializer.Serialize(hashtags));
            writer.Write("}\n");
        }
    }

    private static (string Text, List<string> HashtagKeys) Compose(Random random, StringBuilder builder, IReadOnlyList<Show> shows, string[] invented)
    {
        builder.Clear();
        var hashtags = new List<string>();
        var target = random.Next(140, 281);
        var roll = random.NextDouble();
        var show = shows[Math.Min(shows.Count - 1, (int)(shows.Count * Math.Pow(random.NextDouble(), 2.5)))];
        var byName = roll < 0.28;
        var byTag = roll is >= 0.20 and < 0.40;
        var namePosition = random.Next(0, 4);
        var words = 0;
        while (builder.Length < target)
        {
            if (byName && words == namePosition)
            {
                builder.Append(random.Next(3) == 0 ? show.Name.ToUpperInvariant() : show.Name).Append(random.Next(4) == 0 ? "! " : " ");
            }
            else
            {
                var word = random.Next(3) == 0 ? invented[random.Next(invented.Length)] : PostVocabulary.NearMissWords[random.Next(PostVocabulary.NearMissWords.Length)];
                builder.Append(word).Append(random.Next(10) == 0 ? ", " : " ");
            }

            words++;
            if (random.Next(25) == 0)
            {
                var tag = invented[random.Next(invented.Length)];
                builder.Append('#').Append(tag).Append(' ');
                hashtags.Add(MatchKeys.HashtagKey(tag));
            }
        }

        if (byTag)
        {
            var tag = show.Hashtag.Trim();
            builder.Append(tag.StartsWith('#') ? tag : "#" + tag);
            hashtags.Add(MatchKeys.HashtagKey(tag));
        }

        return (builder.ToString().Trim(), hashtags);
    }
}
