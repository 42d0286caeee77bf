using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Layout;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>
/// tweet_stat on hand-written canonical posts (TestData/conformance-lake) against hand-computed rows.
/// Catalogue: The Queen's Gambit, The Flash, Dark (text_match=false), The Crown, Lupin.
/// </summary>
public sealed class TweetStatConformanceTests : IDisposable
{
    private static readonly DateOnly Day = new(2020, 11, 23);
    private readonly TestLake _lake = TestLake.CopyOf("conformance-lake");

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Counts_match_the_hand_computed_rows_for_the_date()
    {
        var result = await Runner().RunAsync(Dataset.Tweet, Day);

        // id|date|hashtag_count|text_count|tweet_count, ordered by id.
        // 65494 The Crown: "the crowning moment" is not "the crown" (whole words) -> zeros.
        // 70523 Dark: text_match=false, so "Dark is so dark" does not count; #DarkNetflix does.
        // 87739 The Queen's Gambit: 1102 (curly apostrophe, delivered twice) by text, 1103 (in two files) by hashtag and text -> tweet_count 2, not 3.
        // 60735 The Flash: #flash (the "the" alternate) by hashtag, "Watching THE FLASH" at 23:59:59 by text; "the flashlight" no.
        // 96677 Lupin: 00:00:00 post by text; the next day's first hour holds 1110 (23:59:59 of the date, #Lupin);
        //   1100 (23:59:59 of the day before, in the date's first file) and 1111 (00:00:00 next day) are other dates;
        //   1112 sits in the next day's second hour, which is not read.
        Assert.Equal(
            [
                "60735|2020-11-23|1|1|2",
                "65494|2020-11-23|0|0|0",
                "70523|2020-11-23|1|0|1",
                "87739|2020-11-23|1|2|2",
                "96677|2020-11-23|1|2|2",
            ],
            ReadPartition(Day));
        Assert.Equal(5, result.RowsWritten);
        Assert.Equal(
            [
                "post_stat/year=2020/month=11/day=23/part-00000.snappy.parquet", "post_stat/year=2020/month=11/day=23/_SUCCESS",
                "tweet_stat/year=2020/month=11/day=23/part-00000.snappy.parquet", "tweet_stat/year=2020/month=11/day=23/_SUCCESS",
            ],
            result.KeysWritten);
        Assert.True(File.Exists(_lake.PathOf("tweet_stat/year=2020/month=11/day=23/_SUCCESS")));
    }

    [Fact]
    public async Task The_next_date_reads_its_own_files_and_leaves_the_late_post_to_its_date()
    {
        await Runner().RunAsync(Dataset.Tweet, Day.AddDays(1));

        // 1111 (00:00:00): Lupin by text, The Flash by #TheFlash; 1113 "The Crown" at 01:00; 1110 and 1112 belong to 2020-11-23.
        Assert.Equal(
            [
                "60735|2020-11-24|1|0|1",
                "65494|2020-11-24|0|1|1",
                "70523|2020-11-24|0|0|0",
                "87739|2020-11-24|0|0|0",
                "96677|2020-11-24|0|1|1",
            ],
            ReadPartition(Day.AddDays(1)));
    }

    [Fact]
    public async Task A_date_without_posts_gives_zeros_for_every_show()
    {
        var result = await Runner().RunAsync(Dataset.Tweet, new DateOnly(2020, 12, 25));

        Assert.Equal(5, result.RowsWritten);
        Assert.All(ReadPartition(new DateOnly(2020, 12, 25)), row => Assert.EndsWith("|2020-12-25|0|0|0", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lake_without_a_catalogue_uses_the_default_160_shows()
    {
        File.Delete(_lake.PathOf("reference/tv_shows.csv"));

        var result = await Runner().RunAsync(Dataset.Tweet, Day);

        Assert.Equal(160, result.RowsWritten);
        // The Queen's Gambit is in the default catalogue too (its hashtag #TheQueensGambit).
        Assert.Contains("87739|2020-11-23|1|2|2", ReadPartition(Day));
    }

    private LocalEtlRunner Runner() => new(_lake.Store, NullLogger<LocalEtlRunner>.Instance, new LocalEtlOptions { Threads = 2 });

    private List<string> ReadPartition(DateOnly date) =>
        Duck.Rows($"SELECT id, date, hashtag_count, text_count, tweet_count FROM read_parquet('{_lake.PathOf(LakeLayout.PartitionPrefix("tweet_stat", date))}*.parquet') ORDER BY id");
}
