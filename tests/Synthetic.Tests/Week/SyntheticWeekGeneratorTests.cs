using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.Synthetic.Week;

namespace TrendingTv.Synthetic.Tests.Week;

public class SyntheticWeekGeneratorTests
{
    private static readonly ShowCatalogue Catalogue = ShowCatalogue.LoadDefault();

    private static SyntheticWeekOptions Options(int seed = 7) => new() { Seed = seed, Start = new DateOnly(2026, 11, 16), Days = 7, PostsPerDay = 1500 };

    [Fact]
    public void The_same_seed_gives_the_same_posts_and_snapshots()
    {
        var a = new SyntheticWeekGenerator(Options(), Catalogue);
        var b = new SyntheticWeekGenerator(Options(), Catalogue);
        var date = new DateOnly(2026, 11, 19);

        Assert.Equal(a.PostLines(date), b.PostLines(date));
        Assert.Equal(a.TmdbLines(date), b.TmdbLines(date));
        Assert.NotEqual(a.PostLines(date).Take(50), new SyntheticWeekGenerator(Options(seed: 8), Catalogue).PostLines(date).Take(50));
    }

    [Fact]
    public void Posts_mix_v1_and_v2_payloads_with_retweets_long_posts_quotes_and_duplicates()
    {
        var lines = new SyntheticWeekGenerator(Options(), Catalogue).PostLines(new DateOnly(2026, 11, 17)).ToArray();
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();

        bool Has(Func<JsonElement, bool> predicate) => docs.Any(predicate);
        static bool V2(JsonElement e) => e.TryGetProperty("data", out _);
        static bool RefType(JsonElement e, string type) => e.GetProperty("data").TryGetProperty("referenced_tweets", out var refs) && refs[0].GetProperty("type").GetString() == type;

        Assert.True(Has(V2));
        Assert.True(Has(e => !V2(e) && e.TryGetProperty("id_str", out _)));
        Assert.True(Has(e => V2(e) && RefType(e, "retweeted") && e.GetProperty("includes").GetProperty("tweets").GetArrayLength() == 1));
        Assert.True(Has(e => V2(e) && RefType(e, "quoted")));
        Assert.True(Has(e => V2(e) && e.GetProperty("data").TryGetProperty("note_tweet", out _)));
        Assert.True(Has(e => !V2(e) && e.TryGetProperty("retweeted_status", out _)));
        Assert.True(Has(e => !V2(e) && e.TryGetProperty("extended_tweet", out _) && e.GetProperty("truncated").GetBoolean()));
        Assert.True(Has(e => !V2(e) && e.TryGetProperty("quoted_status", out _)));
        Assert.Contains(lines, l => l.Contains('’', StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("&amp;", StringComparison.Ordinal));
        Assert.True(docs.Select(Lang).Distinct().Count() >= 5, "several languages");
        Assert.True(lines.Length > lines.Distinct().Count(), "a few posts are delivered twice");
    }

    [Fact]
    public void Volumes_are_heavy_tailed_and_each_spike_multiplies_its_show_on_its_day()
    {
        var generator = new SyntheticWeekGenerator(Options(), Catalogue);
        var perDay = generator.Dates.ToDictionary(d => d, d => CountMentions(generator.PostLines(d)));

        var totals = Catalogue.Shows.Select(s => perDay.Values.Sum(day => day.GetValueOrDefault(s.Id))).OrderDescending().ToArray();
        Assert.True(totals[0] > 20 * totals[^1], $"top show {totals[0]} vs last {totals[^1]}");
        Assert.Equal(3, generator.Spikes.Count);
        foreach (var spike in generator.Spikes)
        {
            var onDay = perDay[spike.Date].GetValueOrDefault(spike.ShowId);
            var otherDays = perDay.Where(p => p.Key != spike.Date).Average(p => p.Value.GetValueOrDefault(spike.ShowId));
            Assert.True(onDay > 5 * otherDays, $"{spike.Name} on {spike.Date}: {onDay} posts vs {otherDays:F1} on other days");
        }
    }

    [Fact]
    public void Snapshots_hold_every_show_with_a_query_time_on_their_date_and_a_drifting_popularity()
    {
        var generator = new SyntheticWeekGenerator(Options(), Catalogue);
        var day1 = generator.TmdbLines(new DateOnly(2026, 11, 16)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var day2 = generator.TmdbLines(new DateOnly(2026, 11, 17)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();

        Assert.Equal(Catalogue.Count, day1.Length);
        Assert.All(day2, e => Assert.StartsWith("2026-11-17 ", e.GetProperty("query_datetime").GetString(), StringComparison.Ordinal));
        Assert.All(day1, e => Assert.True(e.GetProperty("genres").GetArrayLength() > 0 && e.GetProperty("networks").GetArrayLength() == 1));
        var changed = day1.Zip(day2).Count(p => p.First.GetProperty("popularity").GetDouble() != p.Second.GetProperty("popularity").GetDouble());
        Assert.True(changed > Catalogue.Count / 2);
    }

    [Fact]
    public void Untracked_posts_mention_no_show()
    {
        var lines = new SyntheticWeekGenerator(Options(), Catalogue).PostLines(new DateOnly(2026, 11, 18));
        var perPost = lines.Select(l => Matches(JsonDocument.Parse(l).RootElement)).ToArray();

        Assert.Contains(perPost, m => m.Count == 0);
        Assert.True(perPost.Count(m => m.Count == 0) < perPost.Length / 5);
    }

    private static string Lang(JsonElement e) => (e.TryGetProperty("data", out var data) ? data : e).GetProperty("lang").GetString()!;

    /// <summary>Posts per show by the matching rules (full text and hashtags of the original for retweets), distinct ids.</summary>
    private static Dictionary<long, int> CountMentions(IEnumerable<string> lines)
    {
        var seen = new HashSet<string>();
        var counts = new Dictionary<long, int>();
        foreach (var line in lines)
        {
            var root = JsonDocument.Parse(line).RootElement;
            var id = root.TryGetProperty("data", out var data) ? data.GetProperty("id").GetString()! : root.GetProperty("id_str").GetString()!;
            if (!seen.Add(id))
            {
                continue;
            }

            foreach (var show in Matches(root))
            {
                counts[show] = counts.GetValueOrDefault(show) + 1;
            }
        }

        return counts;
    }

    private static HashSet<long> Matches(JsonElement root)
    {
        var (text, tags) = FullText(root);
        var textKey = MatchKeys.TextKey(System.Net.WebUtility.HtmlDecode(text));
        var tagKeys = tags.Select(MatchKeys.HashtagKey).ToHashSet();
        return [.. Catalogue.Shows.Where(s => (s.TextMatch && MatchKeys.Mentions(textKey, s.TextKey)) || s.HashtagKeys.Any(tagKeys.Contains)).Select(s => s.Id)];
    }

    private static (string Text, IEnumerable<string> Tags) FullText(JsonElement root)
    {
        static IEnumerable<string> Tags(JsonElement o, string name) =>
            o.TryGetProperty("entities", out var ent) && ent.TryGetProperty("hashtags", out var h) ? h.EnumerateArray().Select(t => t.GetProperty(name).GetString()!) : [];

        if (root.TryGetProperty("data", out var data))
        {
            var post = data;
            if (data.TryGetProperty("referenced_tweets", out var refs) && refs[0].GetProperty("type").GetString() == "retweeted")
            {
                post = root.GetProperty("includes").GetProperty("tweets")[0];
            }

            return post.TryGetProperty("note_tweet", out var note) ? (note.GetProperty("text").GetString()!, Tags(note, "tag")) : (post.GetProperty("text").GetString()!, Tags(post, "tag"));
        }

        var status = root.TryGetProperty("retweeted_status", out var rt) ? rt : root;
        return status.TryGetProperty("extended_tweet", out var ext)
            ? (ext.GetProperty("full_text").GetString()!, Tags(ext, "text"))
            : (status.GetProperty("text").GetString()!, Tags(status, "text"));
    }

    [Fact]
    public void Bluesky_events_of_a_day_are_its_planned_posts_at_the_bluesky_share_as_jetstream_posts_and_reposts_with_tag_facets()
    {
        var generator = new SyntheticWeekGenerator(Options(), Catalogue);
        var date = new DateOnly(2026, 11, 19);

        var events = generator.BlueskyEventLines(date).Select(l => DataLake.Posts.Bluesky.JetstreamEventReader.Read(System.Text.Encoding.UTF8.GetBytes(l))).ToArray();

        var posts = events.Where(e => e.Kind == DataLake.Posts.Bluesky.JetstreamEventKind.Post).ToArray();
        var reposts = events.Where(e => e.Kind == DataLake.Posts.Bluesky.JetstreamEventKind.Repost).ToArray();
        Assert.Equal(events.Length, posts.Length + reposts.Length);
        Assert.InRange(events.Length - reposts.Length, 0.2 * generator.PostLines(date).Count(), 0.45 * generator.PostLines(date).Count());
        Assert.NotEmpty(reposts);
        var uris = posts.Select(p => DataLake.Posts.Bluesky.BlueskyCanonicalPosts.FromPost(p).Uri).ToHashSet();
        Assert.Equal(posts.Length, uris.Count);
        Assert.All(reposts, r => Assert.Contains(r.SubjectUri, uris));
        Assert.Contains(posts, p => DataLake.Posts.Bluesky.BlueskyCanonicalPosts.FromPost(p).Hashtags.Count > 0);
        Assert.Equal(generator.BlueskyEventLines(date), generator.BlueskyEventLines(date));
    }
}
