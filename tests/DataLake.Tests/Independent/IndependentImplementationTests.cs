using System.Globalization;
using System.Text.Json;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Tests.Posts;

namespace TrendingTv.DataLake.Tests.Independent;

/// <summary>
/// Every real post recorded from the X APIs (the shared fixtures, copied into TestData): the product's canonical
/// records, read back as plain JSON, equal those of <see cref="IndependentCanonical"/> field by field.
/// </summary>
public sealed class IndependentImplementationTests
{
    [Theory]
    [InlineData("real-v1-rest-statuses-158-posts.jsonl", 158)]
    [InlineData("real-v1-stream-2018-03-10-extended-quotes-scripts-one-duplicate.jsonl", 71)]
    [InlineData("real-v2-filtered-stream-2021-04-01-errors-only-and-duplicate.jsonl", 7)]
    public async Task Canonical_records_of_real_posts_equal_an_independent_implementation(string file, int posts)
    {
        var expected = IndependentCanonical.ReadFile(PostTestData.PathOf(file));
        var actual = await ProductRecordsAsync(PostTestData.PathOf(file));

        var differences = expected.Zip(actual)
            .Where(pair => pair.First != pair.Second)
            .Select(pair => $"independent {pair.First}\nproduct     {pair.Second}")
            .ToList();
        Assert.Equal(posts, expected.Count);
        Assert.Equal(expected.Select(r => r.Id), actual.Select(r => r.Id));
        Assert.True(differences.Count == 0, $"{differences.Count} difference(s):\n{string.Join("\n", differences)}");
    }

    [Fact]
    public void The_independent_text_key_gives_what_the_rules_say_on_their_examples()
    {
        Assert.Equal(" naruto ", IndependentCanonical.TextKey("❤️ Naruto️!"));
        Assert.Equal(" ", IndependentCanonical.TextKey("＿￣"));
        Assert.Equal(" the queen s gambit ", IndependentCanonical.TextKey("The Queen’s Gambit!"));
    }

    private static async Task<List<IndependentRecord>> ProductRecordsAsync(string path)
    {
        await using var raw = File.OpenRead(path);
        using var canonical = new MemoryStream();
        await new PostNormaliser().NormaliseAsync(raw, canonical, quarantineOut: null);
        canonical.Position = 0;
        using var reader = new StreamReader(canonical);
        var records = new List<IndependentRecord>();
        while (await reader.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            var r = document.RootElement;
            records.Add(new IndependentRecord(
                r.GetProperty("id").GetInt64(),
                r.GetProperty("created_at").GetString()!,
                r.GetProperty("date").GetString()!,
                r.GetProperty("lang").GetString(),
                r.GetProperty("text").GetString()!,
                r.GetProperty("text_key").GetString()!,
                string.Join('|', r.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString())),
                r.GetProperty("format").GetString()!));
            Assert.Equal(NormaliserVersion.Current, r.GetProperty("version").GetInt32());
            Assert.Equal("x", r.GetProperty("source").GetString());
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{r.GetProperty("created_at").GetString()![..10]}"), r.GetProperty("date").GetString());
        }

        return records;
    }
}
