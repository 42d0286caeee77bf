using System.Globalization;
using System.Text;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.TweetStatBench;

/// <summary>
/// A pool of distinct canonical posts (text, text key by <see cref="MatchKeys"/>, hashtag keys) with
/// realistic lengths (140–280 characters) and a share that mention tracked shows by name, by
/// hashtag or both. The day's posts are drawn from it by DuckDB, each with its own id and time.
/// </summary>
internal static class PostPool
{
    private static readonly string[] CommonWords =
    [
        "the", "a", "and", "to", "of", "in", "is", "it", "you", "that", "this", "was", "for", "on", "are", "with", "as", "i",
        "just", "watched", "watching", "season", "episode", "finale", "tonight", "love", "hate", "best", "worst", "show",
        "series", "netflix", "binge", "again", "can't", "wait", "new", "trailer", "spoilers", "omg", "so", "good", "bad",
        "why", "who", "what", "when", "really", "never", "always", "amazing", "boring", "cast", "writers", "ending",
        "character", "plot", "twist", "wow", "lol", "night", "weekend", "today", "tomorrow", "my", "your", "our", "their",
        "crown", "dark", "flash", "queen", "office", "friends", "boys", "walking", "dead", "game", "house", "doctor",
    ];

    private static readonly string[] Languages = ["en", "en", "en", "es", "pt", "fr", "de", "ja", "und"];

    /// <summary>Writes <paramref name="size"/> posts as JSON lines (pool_id, lang, text, text_key, hashtags).</summary>
    public static void Write(string path, int size, IReadOnlyList<Show> shows, int seed)
    {
        var random = new Random(seed);
        var syllables = new[] { "ka", "lo", "mi", "ter", "zu", "ven", "dra", "pol", "sin", "ark", "bel", "qui", "rom", "tas", "ne", "xo" };
        var invented = Enumerable.Range(0, 3000)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => syllables[random.Next(syllables.Length)])))
            .ToArray();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        var builder = new StringBuilder(320);
        for (var i = 0; i < size; i++)
        {
            builder.Clear();
            var hashtags = new List<string>();
            var target = random.Next(140, 281);
            var roll = random.NextDouble();
            // About 40% of posts mention a show: by name (20%), by hashtag (12%), by both (8%).
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
                    var word = random.Next(3) == 0 ? invented[random.Next(invented.Length)] : CommonWords[random.Next(CommonWords.Length)];
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

            var text = builder.ToString().Trim();
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
}
