using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>
/// The token equi-join + instr of tweet_stat gives exactly what testing every post against every show
/// with <see cref="MatchKeys"/> gives, on the default 160-show catalogue.
/// </summary>
public sealed class MatchingEquivalenceTests
{
    [Fact]
    public async Task Token_candidates_find_the_same_mentions_as_testing_every_post_against_every_show()
    {
        using var lake = TestLake.Empty();
        var catalogue = ShowCatalogue.LoadDefault();
        var random = new Random(7);
        string[] filler = ["watching", "the", "netflix", "season", "finale", "dark", "crown", "queen", "boys", "dead", "good", "doctor", "game", "of", "in", "lol", "’s", "!", "#", "2"];
        var posts = new List<(long Id, string TextKey, List<string> Hashtags)>();
        var lines = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            var hashtags = new List<string>();
            for (var w = 0; w < random.Next(5, 30); w++)
            {
                var roll = random.Next(20);
                if (roll == 0)
                {
                    var show = catalogue.Shows[random.Next(catalogue.Count)];
                    text.Append(random.Next(2) == 0 ? show.Name.ToUpperInvariant() : show.Name);
                }
                else if (roll == 1)
                {
                    var show = catalogue.Shows[random.Next(catalogue.Count)];
                    hashtags.Add(show.HashtagKeys[random.Next(show.HashtagKeys.Count)]);
                }
                else
                {
                    text.Append(filler[random.Next(filler.Length)]);
                }

                text.Append(' ');
            }

            var post = (Id: 5000L + i, TextKey: MatchKeys.TextKey(text.ToString()), Hashtags: hashtags);
            posts.Add(post);
            lines.Append(JsonSerializer.Serialize(new { id = post.Id, created_at = "2020-11-23T10:00:00Z", date = "2020-11-23", lang = "en", text = text.ToString(), text_key = post.TextKey, hashtags, format = "v2" })).Append('\n');
        }

        await File.WriteAllTextAsync(WriteTo(lake, "tweets/2020/11/23/10/2020-11-23-10.jsonl"), lines.ToString());
        await File.WriteAllTextAsync(WriteTo(lake, LakeLayout.CatalogueKey), catalogue.ToCsv());

        await new LocalEtlRunner(lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 }).RunAsync(Dataset.Tweet, new DateOnly(2020, 11, 23));

        var expected = catalogue.Shows
            .OrderBy(s => s.Id)
            .Select(show =>
            {
                var byText = posts.Where(p => show.TextMatch && MatchKeys.Mentions(p.TextKey, show.TextKey)).Select(p => p.Id).ToHashSet();
                var byTag = posts.Where(p => p.Hashtags.Any(show.HashtagKeys.Contains)).Select(p => p.Id).ToHashSet();
                return $"{show.Id}|{byTag.Count}|{byText.Count}|{byTag.Union(byText).Count()}";
            })
            .ToList();
        var actual = Duck.Rows($"SELECT id, hashtag_count, text_count, tweet_count FROM read_parquet('{lake.PathOf("tweet_stat/year=2020/month=11/day=23/")}*.parquet') ORDER BY id");
        Assert.Equal(expected, actual);
        Assert.True(actual.Count(r => !r.EndsWith("|0|0|0", StringComparison.Ordinal)) > 100, "the sample should mention most shows");
    }

    [Fact]
    public async Task Per_source_counts_are_what_testing_each_sources_posts_gives_and_sum_to_tweet_stat()
    {
        using var lake = TestLake.Empty();
        var catalogue = ShowCatalogue.LoadDefault();
        var random = new Random(11);
        var posts = new List<(long Id, string Source, string TextKey, List<string> Hashtags)>();
        var lines = new Dictionary<string, StringBuilder> { ["x"] = new(), ["bluesky"] = new() };
        for (var i = 0; i < 2000; i++)
        {
            var show = catalogue.Shows[random.Next(catalogue.Count)];
            var other = catalogue.Shows[random.Next(catalogue.Count)];
            var text = random.Next(3) switch { 0 => $"watching {show.Name} tonight", 1 => $"{show.Name} and {other.Name}", _ => "nothing about tv" };
            var hashtags = random.Next(2) == 0 ? new List<string> { other.HashtagKeys[0] } : [];
            var source = random.Next(3) == 0 ? "bluesky" : "x";
            var post = (Id: 7000L + i, Source: source, TextKey: MatchKeys.TextKey(text), Hashtags: hashtags);
            posts.Add(post);
            var line = JsonSerializer.Serialize(new { id = post.Id, created_at = "2020-11-23T10:00:00Z", date = "2020-11-23", text, text_key = post.TextKey, hashtags, source });
            // Every fifth post is delivered twice.
            lines[source].Append(line).Append('\n');
            if (i % 5 == 0)
            {
                lines[source].Append(line).Append('\n');
            }
        }

        await File.WriteAllTextAsync(WriteTo(lake, "tweets/2020/11/23/10/2020-11-23-10.jsonl"), lines["x"].ToString());
        await File.WriteAllTextAsync(WriteTo(lake, "bluesky_posts/2020/11/23/10/2020-11-23-10.jsonl"), lines["bluesky"].ToString());
        await File.WriteAllTextAsync(WriteTo(lake, LakeLayout.CatalogueKey), catalogue.ToCsv());

        await new LocalEtlRunner(lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 }).RunAsync(Dataset.Tweet, new DateOnly(2020, 11, 23));

        var expected = catalogue.Shows
            .SelectMany(show => new[] { "bluesky", "x" }.Select(source =>
            {
                var ofSource = posts.Where(p => p.Source == source).ToList();
                var byText = ofSource.Where(p => show.TextMatch && MatchKeys.Mentions(p.TextKey, show.TextKey)).Select(p => p.Id).ToHashSet();
                var byTag = ofSource.Where(p => p.Hashtags.Any(show.HashtagKeys.Contains)).Select(p => p.Id).ToHashSet();
                return (show.Id, Row: $"{show.Id}|{source}|{byTag.Count}|{byText.Count}|{byTag.Union(byText).Count()}");
            }))
            .OrderBy(r => r.Id)
            .Select(r => r.Row)
            .ToList();
        var actual = Duck.Rows($"SELECT id, source, hashtag_count, text_count, post_count FROM read_parquet('{lake.PathOf("post_stat/year=2020/month=11/day=23/")}*.parquet') ORDER BY id, source");
        Assert.Equal(expected, actual);
        Assert.Empty(Duck.Rows(
            $"""
            SELECT t.id FROM read_parquet('{lake.PathOf("tweet_stat/year=2020/month=11/day=23/")}*.parquet') t
            JOIN (SELECT id, sum(hashtag_count) AS h, sum(text_count) AS x, sum(post_count) AS p FROM read_parquet('{lake.PathOf("post_stat/year=2020/month=11/day=23/")}*.parquet') GROUP BY id) s ON s.id = t.id
            WHERE s.h <> t.hashtag_count OR s.x <> t.text_count OR s.p <> t.tweet_count
            """));
    }

    private static string WriteTo(TestLake lake, string key)
    {
        var path = lake.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
