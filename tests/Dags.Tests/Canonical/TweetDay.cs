using System.Globalization;
using System.Text;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Dags.Tests.Canonical;

/// <summary>
/// A day of raw X posts (v2 envelopes) about three shows, one raw file an hour, plus the next day's first hour (where
/// posts created just before midnight land), with the tweet_stat rows the day must produce.
/// </summary>
internal static class TweetDay
{
    public static readonly DateOnly Date = new(2026, 11, 25);

    public static ShowCatalogue Catalogue { get; } = new(
    [
        new Show(82856, "The Mandalorian", "#TheMandalorian"),
        new Show(1402, "The Walking Dead", "#TWD"),
        new Show(87739, "The Queen's Gambit", "#QueensGambit"),
    ]);

    /// <summary>The hours the day's job reads: its 24 and the next date's first.</summary>
    public static IEnumerable<DateTimeOffset> Hours =>
        Enumerable.Range(0, 25).Select(h => new DateTimeOffset(Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(h));

    /// <summary>
    /// Writes the catalogue and the raw hours; the canonical hours too when <paramref name="asTheUploaderDoes"/>
    /// (each raw hour through the normaliser, no manifest). Returns the expected tweet_stat rows by show id.
    /// </summary>
    public static async Task<Dictionary<long, (long Hashtag, long Text, long Tweet)>> PutAsync(IObjectStore lake, bool asTheUploaderDoes)
    {
        await lake.PutTextAsync(LakeLayout.CatalogueKey, Catalogue.ToCsv());
        var expected = Catalogue.Shows.ToDictionary(s => s.Id, _ => (0L, 0L, 0L));
        foreach (var hour in Hours)
        {
            var raw = new StringBuilder();
            foreach (var (post, createdAt, show, kind) in Posts(hour))
            {
                raw.Append(post).Append('\n');
                if (DateOnly.FromDateTime(createdAt.UtcDateTime) == Date)
                {
                    var (h, t, all) = expected[show.Id];
                    expected[show.Id] = (h + (kind >= 1 ? 1 : 0), t + (kind != 1 ? 1 : 0), all + 1);
                }
            }

            var bytes = Encoding.UTF8.GetBytes(raw.ToString());
            await lake.PutBytesAsync(LakeLayout.RawPostHourKey(PostSources.X, hour), bytes);
            if (asTheUploaderDoes)
            {
                using var canonical = new MemoryStream();
                await new PostNormaliser().NormaliseAsync(new MemoryStream(bytes), canonical, null);
                await lake.PutBytesAsync(LakeLayout.CanonicalPostHourKey(PostSources.X, hour), canonical.ToArray());
            }
        }

        return expected;
    }

    /// <summary>Hour h holds 6 + h % 5 posts; each names one show by text (kind 0), by hashtag (1) or both (2). The next day's first hour opens with posts of the day before.</summary>
    private static IEnumerable<(string Json, DateTimeOffset CreatedAt, Show Show, int Kind)> Posts(DateTimeOffset hour)
    {
        var index = (int)(hour - Hours.First()).TotalHours;
        var count = 6 + (index % 5);
        for (var i = 0; i < count; i++)
        {
            var show = Catalogue.Shows[(index + i) % Catalogue.Count];
            var kind = (index * 7 + i) % 3;
            var createdAt = index == 24 && i < 3 ? hour.AddSeconds(-10 + i) : hour.AddMinutes(i * 5).AddSeconds(7);
            var tag = show.Hashtag.TrimStart('#');
            var text = kind switch
            {
                0 => $"Tonight: {show.Name}!",
                1 => $"so good #{tag}",
                _ => $"{show.Name} is back #{tag}",
            };
            var id = 1_800_000_000_000_000_000L + (index * 100) + i;
            var data = new Dictionary<string, object>
            {
                ["id"] = id.ToString(CultureInfo.InvariantCulture),
                ["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["text"] = text,
                ["lang"] = "en",
            };
            if (kind >= 1)
            {
                data["entities"] = new { hashtags = new[] { new { start = text.IndexOf('#', StringComparison.Ordinal), end = text.Length, tag } } };
            }

            yield return (JsonSerializer.Serialize(new { data, matching_rules = new[] { new { id = "1", tag = "shows" } } }), createdAt, show, kind);
        }
    }
}
