using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Layout;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>
/// post_stat and tweet_stat with both sources mixed: the X posts of TestData/conformance-lake plus hand-written
/// Bluesky canonical posts under bluesky_posts/. Catalogue: The Queen's Gambit, The Flash, Dark (text_match=false),
/// The Crown, Lupin.
/// </summary>
public sealed class PostStatConformanceTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private readonly TestLake _lake = TestLake.CopyOf("conformance-lake");

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task An_x_only_lake_gives_x_rows_only_and_tweet_stat_as_before()
    {
        await Runner().RunAsync(Dataset.Tweet, Day);

        // id|date|source|hashtag_count|text_count|post_count; the X counts of TweetStatConformanceTests.
        Assert.Equal(
            [
                "60735|2020-11-23|x|1|1|2",
                "65494|2020-11-23|x|0|0|0",
                "70523|2020-11-23|x|1|0|1",
                "87739|2020-11-23|x|1|2|2",
                "96677|2020-11-23|x|1|2|2",
            ],
            PostStat(Day));
        Assert.Equal(["60735|1|1|2", "65494|0|0|0", "70523|1|0|1", "87739|1|2|2", "96677|1|2|2"], TweetStat(Day));
    }

    [Fact]
    public async Task Both_sources_are_counted_apart_in_post_stat_and_together_in_tweet_stat()
    {
        await WriteBlueskyAsync();

        var result = await Runner().RunAsync(Dataset.Tweet, Day);

        // Bluesky on 2020-11-23:
        //   9001 "#TheQueensGambit": The Queen's Gambit by hashtag only (its text key is not the show's name).
        //   9002 "Watching Lupin tonight", delivered in hours 12 and 13: Lupin by text, once.
        //   9003 "The Flash and Lupin #flash": The Flash by hashtag and text, Lupin by text.
        //   9004 "#Lupin" at 23:59:59, in the next day's first hour: Lupin by hashtag and text.
        //   9005 "Dark tonight" is not counted (Dark has text_match=false); 9006 is dated 2020-11-22.
        Assert.Equal(
            [
                "60735|2020-11-23|bluesky|1|1|1",
                "60735|2020-11-23|x|1|1|2",
                "65494|2020-11-23|bluesky|0|0|0",
                "65494|2020-11-23|x|0|0|0",
                "70523|2020-11-23|bluesky|0|0|0",
                "70523|2020-11-23|x|1|0|1",
                "87739|2020-11-23|bluesky|1|0|1",
                "87739|2020-11-23|x|1|2|2",
                "96677|2020-11-23|bluesky|1|3|3",
                "96677|2020-11-23|x|1|2|2",
            ],
            PostStat(Day));
        Assert.Equal(["60735|2|2|3", "65494|0|0|0", "70523|1|0|1", "87739|2|2|3", "96677|2|5|5"], TweetStat(Day));
        Assert.Equal(5, result.RowsWritten);
        Assert.Contains("post_stat/year=2020/month=11/day=23/_SUCCESS", result.KeysWritten);
    }

    [Fact]
    public async Task A_source_without_posts_on_the_date_has_no_post_stat_rows_that_date()
    {
        // bluesky_posts/2020/11/24/00 exists but holds only 9004, dated 2020-11-23.
        await WriteBlueskyAsync();

        await Runner().RunAsync(Dataset.Tweet, Day.AddDays(1));

        Assert.Equal(
            [
                "60735|2020-11-24|x|1|0|1",
                "65494|2020-11-24|x|0|1|1",
                "70523|2020-11-24|x|0|0|0",
                "87739|2020-11-24|x|0|0|0",
                "96677|2020-11-24|x|0|1|1",
            ],
            PostStat(Day.AddDays(1)));
        Assert.Equal(["60735|1|0|1", "65494|0|1|1", "70523|0|0|0", "87739|0|0|0", "96677|0|1|1"], TweetStat(Day.AddDays(1)));
    }

    [Fact]
    public async Task A_bluesky_only_date_counts_bluesky_alone()
    {
        await WriteLinesAsync("bluesky_posts/2020/11/25/08/2020-11-25-08.jsonl", Post(9101, "2020-11-25T08:00:00Z", "Lupin again", " lupin again ", []));

        await Runner().RunAsync(Dataset.Tweet, new DateOnly(2020, 11, 25));

        Assert.Equal(
            [
                "60735|2020-11-25|bluesky|0|0|0",
                "65494|2020-11-25|bluesky|0|0|0",
                "70523|2020-11-25|bluesky|0|0|0",
                "87739|2020-11-25|bluesky|0|0|0",
                "96677|2020-11-25|bluesky|0|1|1",
            ],
            PostStat(new DateOnly(2020, 11, 25)));
        Assert.Equal(["60735|0|0|0", "65494|0|0|0", "70523|0|0|0", "87739|0|0|0", "96677|0|1|1"], TweetStat(new DateOnly(2020, 11, 25)));
    }

    [Fact]
    public async Task A_date_without_posts_of_any_source_has_an_empty_post_stat_partition()
    {
        await WriteBlueskyAsync();

        await Runner().RunAsync(Dataset.Tweet, new DateOnly(2020, 12, 25));

        Assert.Empty(PostStat(new DateOnly(2020, 12, 25)));
        Assert.True(File.Exists(_lake.PathOf("post_stat/year=2020/month=12/day=25/_SUCCESS")));
        Assert.All(TweetStat(new DateOnly(2020, 12, 25)), row => Assert.EndsWith("|0|0|0", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task For_every_show_and_date_tweet_stat_is_the_sum_of_post_stat_over_sources()
    {
        await WriteBlueskyAsync();
        DateOnly[] dates = [Day.AddDays(-1), Day, Day.AddDays(1)];
        foreach (var date in dates)
        {
            await Runner().RunAsync(Dataset.Tweet, date);
        }

        var mismatches = Duck.Rows(
            $"""
            SELECT t.id, t.date FROM read_parquet('{_lake.PathOf("tweet_stat/")}**/*.parquet', hive_partitioning = false) t
            LEFT JOIN (
                SELECT id, date, sum(hashtag_count) AS h, sum(text_count) AS x, sum(post_count) AS p
                FROM read_parquet('{_lake.PathOf("post_stat/")}**/*.parquet', hive_partitioning = false) GROUP BY id, date
            ) s ON s.id = t.id AND s.date = t.date
            WHERE coalesce(s.h, 0) <> t.hashtag_count OR coalesce(s.x, 0) <> t.text_count OR coalesce(s.p, 0) <> t.tweet_count
            """);
        Assert.Empty(mismatches);
        Assert.Equal(15, Duck.Rows($"SELECT * FROM read_parquet('{_lake.PathOf("tweet_stat/")}**/*.parquet', hive_partitioning = false)").Count);
    }

    private async Task WriteBlueskyAsync()
    {
        await WriteLinesAsync(
            "bluesky_posts/2020/11/23/12/2020-11-23-12.jsonl",
            Post(9001, "2020-11-23T12:00:00Z", "#TheQueensGambit", " thequeensgambit ", ["thequeensgambit"]),
            Post(9002, "2020-11-23T12:59:59Z", "Watching Lupin tonight", " watching lupin tonight ", []),
            Post(9005, "2020-11-23T12:30:00Z", "Dark tonight", " dark tonight ", []));
        await WriteLinesAsync(
            "bluesky_posts/2020/11/23/13/2020-11-23-13.jsonl",
            Post(9002, "2020-11-23T12:59:59Z", "Watching Lupin tonight", " watching lupin tonight ", []),
            Post(9003, "2020-11-23T13:10:00Z", "The Flash and Lupin #flash", " the flash and lupin flash ", ["flash"]));
        await WriteLinesAsync(
            "bluesky_posts/2020/11/23/00/2020-11-23-00.jsonl",
            Post(9006, "2020-11-22T23:59:59Z", "Lupin", " lupin ", []));
        await WriteLinesAsync(
            "bluesky_posts/2020/11/24/00/2020-11-24-00.jsonl",
            Post(9004, "2020-11-23T23:59:59Z", "#Lupin", " lupin ", ["lupin"]));
    }

    private static string Post(long id, string createdAt, string text, string textKey, string[] hashtags) =>
        $$"""{"id":{{id}},"created_at":"{{createdAt}}","date":"{{createdAt[..10]}}","lang":"en","text":"{{text}}","text_key":"{{textKey}}","hashtags":[{{string.Join(',', hashtags.Select(h => $"\"{h}\""))}}],"format":"jetstream","source":"bluesky","uri":"at://did:plc:test/app.bsky.feed.post/{{id}}","version":2}""";

    private async Task WriteLinesAsync(string key, params string[] lines)
    {
        var path = _lake.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");
    }

    private LocalEtlRunner Runner() => new(_lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 });

    private List<string> PostStat(DateOnly date) =>
        Duck.Rows($"SELECT id, date, source, hashtag_count, text_count, post_count FROM read_parquet('{_lake.PathOf(LakeLayout.PartitionPrefix("post_stat", date))}*.parquet') ORDER BY id, source");

    private List<string> TweetStat(DateOnly date) =>
        Duck.Rows($"SELECT id, hashtag_count, text_count, tweet_count FROM read_parquet('{_lake.PathOf(LakeLayout.PartitionPrefix("tweet_stat", date))}*.parquet') ORDER BY id");
}
