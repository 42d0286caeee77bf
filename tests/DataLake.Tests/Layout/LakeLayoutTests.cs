using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Tests.Layout;

public sealed class LakeLayoutTests
{
    private static readonly DateTimeOffset Hour = new(2020, 11, 23, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Hourly_post_keys_are_zero_padded_folders_and_file_names()
    {
        Assert.Equal("tweet_raw/2020/11/23/05/2020-11-23-05.json", LakeLayout.RawTweetHourKey(Hour));
        Assert.Equal("tweets/2020/11/23/05/2020-11-23-05.jsonl", LakeLayout.CanonicalTweetHourKey(Hour));
        Assert.Equal("tweet_raw/2021/01/02/00/2021-01-02-00.json", LakeLayout.RawTweetHourKey(new DateTimeOffset(2021, 1, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Each_source_has_its_own_raw_and_canonical_roots_and_x_keeps_the_original_ones()
    {
        Assert.Equal(LakeLayout.RawTweetHourKey(Hour), LakeLayout.RawPostHourKey(PostSources.X, Hour));
        Assert.Equal(LakeLayout.CanonicalTweetHourKey(Hour), LakeLayout.CanonicalPostHourKey(PostSources.X, Hour));
        Assert.Equal("bluesky_raw/2020/11/23/05/2020-11-23-05.json", LakeLayout.RawPostHourKey(PostSources.Bluesky, Hour));
        Assert.Equal("bluesky_posts/2020/11/23/05/2020-11-23-05.jsonl", LakeLayout.CanonicalPostHourKey(PostSources.Bluesky, Hour));
        Assert.Equal("bluesky_posts/2021/01/02/", LakeLayout.CanonicalPostDayPrefix(PostSources.Bluesky, new DateOnly(2021, 1, 2)));
        Assert.Equal("bluesky_deletes/2020/11/23/05/2020-11-23-05.jsonl", LakeLayout.BlueskyDeletesHourKey(Hour));
        Assert.Throws<ArgumentOutOfRangeException>(() => LakeLayout.RawPostHourKey("mastodon", Hour));

        Assert.True(LakeLayout.TryParsePostHourKey("bluesky_posts/2020/11/23/05/2020-11-23-05.jsonl", out var source, out var hour, out var canonical));
        Assert.Equal((PostSources.Bluesky, Hour, true), (source, hour, canonical));
        Assert.True(LakeLayout.TryParsePostHourKey("tweet_raw/2020/11/23/05/2020-11-23-05.json", out source, out hour, out canonical));
        Assert.Equal((PostSources.X, Hour, false), (source, hour, canonical));
        Assert.False(LakeLayout.TryParseTweetHourKey("bluesky_raw/2020/11/23/05/2020-11-23-05.json", out _, out _));
        Assert.False(LakeLayout.TryParsePostHourKey("bluesky_raw/2020/11/23/05/2020-11-23-05.jsonl", out _, out _, out _));
    }

    [Fact]
    public void Day_prefixes_and_TMDB_snapshot_keys_are_zero_padded()
    {
        var date = new DateOnly(2021, 1, 2);

        Assert.Equal("tweet_raw/2021/01/02/", LakeLayout.RawTweetDayPrefix(date));
        Assert.Equal("tweets/2021/01/02/", LakeLayout.CanonicalTweetDayPrefix(date));
        Assert.Equal("tmdb_raw/2021/01/02/", LakeLayout.RawTmdbDayPrefix(date));
        Assert.Equal("tmdb_raw/2021/01/02/2021-01-02.json", LakeLayout.RawTmdbDayKey(date));
        Assert.Equal(["tweet_raw/2021/01/02/", "bluesky_raw/2021/01/02/"], LakeLayout.RawDayPrefixes(Dataset.Tweet, date));
        Assert.Equal(["tmdb_raw/2021/01/02/"], LakeLayout.RawDayPrefixes(Dataset.Tmdb, date));
        Assert.StartsWith(LakeLayout.RawTmdbDayPrefix(date), LakeLayout.RawTmdbDayKey(date), StringComparison.Ordinal);
        Assert.StartsWith(LakeLayout.RawTweetDayPrefix(date), LakeLayout.RawTweetHourKey(new DateTimeOffset(2021, 1, 2, 23, 0, 0, TimeSpan.Zero)), StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_and_dimension_keys_are_fixed()
    {
        Assert.Equal("reference/tv_shows.csv", LakeLayout.CatalogueKey);
        Assert.Equal(
            ["dims/tvshows.csv", "dims/genres.csv", "dims/networks.csv", "dims/date.csv"],
            LakeLayout.Dimensions.Select(LakeLayout.DimensionKey));
        var error = Assert.Throws<ArgumentException>(() => LakeLayout.DimensionKey("shows"));
        Assert.Contains("'shows'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2020, 1, 5, "tweet_stat/year=2020/month=1/day=5/")]
    [InlineData(2020, 11, 23, "tweet_stat/year=2020/month=11/day=23/")]
    [InlineData(2020, 12, 31, "tweet_stat/year=2020/month=12/day=31/")]
    public void Hive_partitions_are_not_zero_padded(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, LakeLayout.PartitionPrefix(LakeLayout.TweetStatTable, new DateOnly(year, month, day)));
    }

    [Fact]
    public void Each_dataset_has_its_fact_table()
    {
        Assert.Equal("tweet_stat", LakeLayout.FactTable(Dataset.Tweet));
        Assert.Equal("tmdb_stat", LakeLayout.FactTable(Dataset.Tmdb));
        Assert.Equal("tmdb_stat/year=2020/month=11/day=2/", LakeLayout.PartitionPrefix(LakeLayout.FactTable(Dataset.Tmdb), new DateOnly(2020, 11, 2)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Tweet_Stat")]
    [InlineData("tweet-stat")]
    [InlineData("../tweet_stat")]
    [InlineData("tweet_stat/")]
    [InlineData("1table")]
    public void A_partition_needs_a_plain_table_name(string table)
    {
        var error = Assert.Throws<ArgumentException>(() => LakeLayout.PartitionPrefix(table, new DateOnly(2020, 11, 2)));

        Assert.Contains($"'{table}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Job_keys_live_under_jobs_and_are_validated()
    {
        Assert.Equal("jobs/tweet-2020-11-23/show_keys.csv", LakeLayout.JobKey("tweet-2020-11-23", "show_keys.csv"));
        Assert.Throws<ArgumentException>(() => LakeLayout.JobKey("../escape", "x.csv"));
        Assert.Throws<ArgumentException>(() => LakeLayout.JobKey(" ", "x.csv"));
    }

    [Fact]
    public void A_non_UTC_hour_is_rejected_even_when_it_is_the_same_instant()
    {
        var paris = new DateTimeOffset(2020, 11, 23, 6, 0, 0, TimeSpan.FromHours(1));

        var raw = Assert.Throws<ArgumentException>(() => LakeLayout.RawTweetHourKey(paris));
        Assert.Throws<ArgumentException>(() => LakeLayout.CanonicalTweetHourKey(paris));

        Assert.Contains("UTC", raw.Message, StringComparison.Ordinal);
        Assert.Contains("2020-11-23T06:00:00.0000000+01:00", raw.Message, StringComparison.Ordinal);
        Assert.Equal(LakeLayout.RawTweetHourKey(paris.ToUniversalTime()), LakeLayout.RawTweetHourKey(Hour));
    }

    [Fact]
    public void HourOf_gives_the_UTC_hour_that_contains_an_instant()
    {
        Assert.Equal(Hour, LakeLayout.HourOf(new DateTimeOffset(2020, 11, 23, 6, 59, 59, TimeSpan.FromHours(1))));
        Assert.Equal(TimeSpan.Zero, LakeLayout.HourOf(DateTimeOffset.Now).Offset);
    }

    [Fact]
    public void Every_hourly_key_of_a_day_parses_back_to_its_hour()
    {
        for (var h = 0; h < 24; h++)
        {
            var hour = new DateTimeOffset(2020, 2, 29, h, 0, 0, TimeSpan.Zero);

            Assert.True(LakeLayout.TryParseTweetHourKey(LakeLayout.RawTweetHourKey(hour), out var raw, out var rawIsCanonical));
            Assert.True(LakeLayout.TryParseTweetHourKey(LakeLayout.CanonicalTweetHourKey(hour), out var canonical, out var isCanonical));

            Assert.Equal(hour, raw);
            Assert.Equal(TimeSpan.Zero, raw.Offset);
            Assert.False(rawIsCanonical);
            Assert.Equal(hour, canonical);
            Assert.True(isCanonical);
        }
    }

    [Theory]
    [InlineData("tweet_raw/2020/11/23/05/2020-11-23-06.json")] // folder and file name disagree
    [InlineData("tweet_raw/2020/11/23/05/2020-11-23-05.jsonl")] // raw files are .json
    [InlineData("tweets/2020/11/23/05/2020-11-23-05.json")] // canonical files are .jsonl
    [InlineData("tweet_raw/2020/11/23/24/2020-11-23-24.json")] // no hour 24
    [InlineData("tweet_raw/2021/02/29/05/2021-02-29-05.json")] // no 29 February in 2021
    [InlineData("tweet_raw/2020/11/23/5/2020-11-23-5.json")] // not zero-padded
    [InlineData("tmdb_raw/2020/11/23/05/2020-11-23-05.json")] // another dataset
    [InlineData("tweet_raw/2020/11/23/05/2020-11-23-05.json.tmp")]
    [InlineData("lake/tweet_raw/2020/11/23/05/2020-11-23-05.json")]
    [InlineData("")]
    public void Keys_that_are_not_hourly_post_files_do_not_parse(string key)
    {
        Assert.False(LakeLayout.TryParseTweetHourKey(key, out _, out _));
    }

    [Theory]
    [InlineData(2020, 1, 5)]
    [InlineData(2020, 11, 23)]
    [InlineData(2020, 12, 31)]
    [InlineData(2024, 2, 29)]
    public void A_key_inside_a_partition_parses_back_to_its_table_and_date(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var key = LakeLayout.PartitionPrefix(LakeLayout.TmdbStatTable, date) + "part-00000-1b2c.c000.snappy.parquet";

        Assert.True(LakeLayout.TryParsePartition(key, out var table, out var parsed));

        Assert.Equal(LakeLayout.TmdbStatTable, table);
        Assert.Equal(date, parsed);
    }

    [Theory]
    [InlineData("tweet_stat/year=2020/month=11/day=31/part-0.parquet")] // no 31 November
    [InlineData("tweet_stat/year=2020/month=13/day=1/part-0.parquet")]
    [InlineData("tweet_stat/year=2020/month=11/day=2")] // the folder itself, no slash
    [InlineData("tweet_stat/year=20/month=11/day=2/part-0.parquet")]
    [InlineData("tweet_stat/month=11/day=2/part-0.parquet")]
    [InlineData("tweets/2020/11/23/05/2020-11-23-05.jsonl")]
    public void Keys_outside_a_valid_partition_do_not_parse(string key)
    {
        Assert.False(LakeLayout.TryParsePartition(key, out _, out _));
    }

    [Fact]
    public void Dates_are_written_and_read_as_strict_ISO()
    {
        Assert.Equal("2020-01-05", LakeLayout.Iso(new DateOnly(2020, 1, 5)));
        Assert.Equal(new DateOnly(2020, 1, 5), LakeLayout.ParseIsoDate("2020-01-05"));

        foreach (var bad in new[] { "2020-1-5", "2020/01/05", "05-01-2020", "2020-02-30", "2020-01-05T00:00:00Z", "" })
        {
            var error = Assert.Throws<FormatException>(() => LakeLayout.ParseIsoDate(bad));
            Assert.Contains($"'{bad}'", error.Message, StringComparison.Ordinal);
        }
    }
}
