using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.Synthetic.Canonical;

namespace TrendingTv.Synthetic.Tests.Canonical;

public sealed class CanonicalPostPoolTests
{
    [Fact]
    public void About_two_posts_in_five_mention_a_show_by_name_or_hashtag_and_keys_match_the_text()
    {
        var catalogue = ShowCatalogue.LoadDefault();
        var file = Path.GetTempFileName();
        try
        {
            CanonicalPostPool.Write(file, 3000, catalogue.Shows, seed: 42);
            var posts = File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();

            Assert.Equal(Enumerable.Range(0, 3000), posts.Select(p => p.GetProperty("pool_id").GetInt32()));
            Assert.All(posts, p => Assert.Equal(MatchKeys.TextKey(p.GetProperty("text").GetString()!), p.GetProperty("text_key").GetString()));
            Assert.All(posts, p => Assert.InRange(p.GetProperty("text").GetString()!.Length, 100, 400));
            var mentioning = posts.Count(p =>
            {
                var textKey = p.GetProperty("text_key").GetString()!;
                var tags = p.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()).ToHashSet();
                return catalogue.Shows.Any(s => (s.TextMatch && MatchKeys.Mentions(textKey, s.TextKey)) || s.HashtagKeys.Any(tags.Contains));
            });
            Assert.InRange(mentioning / 3000.0, 0.35, 0.50);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
