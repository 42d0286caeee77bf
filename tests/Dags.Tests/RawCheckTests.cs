using TrendingTv.Dags.Hosting;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Dags.Tests;

/// <summary>The raw-data check counts only objects with data: an empty raw object is a failed snapshot or upload.</summary>
public sealed class RawCheckTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    private const string BlueskyPost = """{"did":"did:plc:abcdefghijklmnopqrstuvwx","time_us":1795662000000000,"kind":"commit","commit":{"rev":"3m6abcdefgh22","operation":"create","collection":"app.bsky.feed.post","rkey":"3m6abcdefgh22","record":{"$type":"app.bsky.feed.post","createdAt":"2026-11-26T03:00:00.000Z","langs":["en"],"text":"Watching The Mandalorian tonight"},"cid":"bafyreiabc"}}""";

    [Fact]
    public async Task An_empty_raw_tmdb_snapshot_fails_the_raw_check_without_submitting_a_job()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.Lake.PutTextAsync(LakeLayout.RawTmdbDayKey(Day), string.Empty);

        var result = await dag.Host.RunAsync(Dataset.Tmdb, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Contains("tmdb-2026-11-26 failed at check-raw-data", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("no raw data under", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("1 empty object(s)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(0, dag.Engine.SubmitAttempts);
    }

    [Fact]
    public async Task Empty_raw_tweet_hours_alone_fail_the_raw_check_and_one_with_data_passes_it()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.Lake.PutTextAsync(LakeLayout.RawTweetHourKey(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero)), string.Empty);

        var failed = await dag.Host.RunAsync(Dataset.Tweet, Day);
        await dag.AddRawDataAsync(Dataset.Tweet, Day);
        var passed = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(DagRunState.Failed, failed.State);
        Assert.True(passed.Succeeded, passed.FailureMessage);
        Assert.Equal(1, passed.Summary!.RawObjects);
    }

    [Fact]
    public async Task A_date_without_raw_posts_fails_naming_the_raw_prefix_of_every_source()
    {
        await using var dag = await DagHarness.StartAsync();

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Contains("tweet_raw/2026/11/26/", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("bluesky_raw/2026/11/26/", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(0, dag.Engine.SubmitAttempts);
    }

    [Fact]
    public async Task A_date_with_only_bluesky_raw_posts_passes_the_raw_check()
    {
        await using var dag = await DagHarness.StartAsync();
        await dag.Lake.PutTextAsync(
            LakeLayout.RawPostHourKey(PostSources.Bluesky, new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero)),
            BlueskyPost + "\n");

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(1, result.Summary!.RawObjects);
    }
}
