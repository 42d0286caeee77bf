using TrendingTv.DataLake.Posts;
using static TrendingTv.DataLake.Tests.Posts.PostNormaliserV1Tests;

namespace TrendingTv.DataLake.Tests.Posts;

/// <summary>Payloads recorded from the real X APIs (copied from the shared fixtures), processed whole.</summary>
public sealed class RealPayloadTests
{
    private const string Stream2018 = "real-v1-stream-2018-03-10-extended-quotes-scripts-one-duplicate.jsonl";
    private const string Rest = "real-v1-rest-statuses-158-posts.jsonl";
    private const string V2Stream = "real-v2-filtered-stream-2021-04-01-errors-only-and-duplicate.jsonl";

    [Fact]
    public async Task Real_v1_stream_keeps_every_post_once()
    {
        var (summary, canonical, _) = await NormaliseAsyncTests.RunAsync(PostTestData.Bytes(Stream2018));

        Assert.Equal((72L, 71L, 1L, 0L, 0L), (summary.LinesRead, summary.PostsWritten, summary.DuplicatesDropped, summary.Skipped, summary.Quarantined));
        Assert.Equal(71, canonical.Select(post => post.Id).Distinct().Count());
        Assert.All(canonical, post => Assert.Equal((new DateOnly(2018, 3, 10), "v1"), (post.Date, post.Format)));
    }

    [Fact]
    public async Task Real_extended_arabic_post_takes_its_hashtag_from_extended_tweet()
    {
        var (_, canonical, _) = await NormaliseAsyncTests.RunAsync(PostTestData.Bytes(Stream2018));

        var post = canonical.Single(p => p.Id == 972472958596866048);

        Assert.Equal(Utc(2018, 3, 10, 14, 3, 15), post.CreatedAt);
        Assert.Equal("ar", post.Lang);
        Assert.Equal(["quran"], post.Hashtags);
        Assert.EndsWith("-- سورة الحجرات\u00a0#Quran", post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("…", post.Text, StringComparison.Ordinal);
        Assert.EndsWith(" سورة الحجرات quran ", post.TextKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_extended_korean_post_keeps_all_eight_hashtags_in_order()
    {
        var (_, canonical, _) = await NormaliseAsyncTests.RunAsync(PostTestData.Bytes(Stream2018));

        var post = canonical.Single(p => p.Id == 972472962782818304);

        Assert.Equal(["listen", "수호", "suho", "실례해도될까요", "엑소", "exo", "장재인", "9194bro"], post.Hashtags);
        Assert.Equal("ko", post.Lang);
    }

    [Fact]
    public async Task Real_rest_statuses_are_all_posts_with_retweets_resolved()
    {
        var (summary, canonical, _) = await NormaliseAsyncTests.RunAsync(PostTestData.Bytes(Rest));

        Assert.Equal((158L, 158L, 0L, 0L), (summary.LinesRead, summary.PostsWritten, summary.Skipped, summary.Quarantined));
        // A retweet's own text is "RT @user: " cut with "…"; the canonical text is the original's.
        Assert.Equal(
            "You spoke, we listened. Residents told us they were unhappy about plans to introduce charges for ‘DIY’ waste (non-h… https://t.co/4u6JFvNA3J",
            canonical.Single(p => p.Id == 1359268510548037632).Text);
        Assert.DoesNotContain(canonical, post => post.Text.Contains("&amp;", StringComparison.Ordinal));
        Assert.Equal(
            ("I told you, this is going to go wild once it gets picked up in the media. https://t.co/Ai8phflf3K", Utc(2021, 2, 9, 22, 48, 55), "en"),
            canonical.Where(p => p.Id == 1359273099355713538).Select(p => (p.Text, p.CreatedAt, p.Lang)).Single());
    }

    [Fact]
    public async Task Real_v2_stream_skips_the_errors_only_message_and_the_duplicate()
    {
        var (summary, canonical, _) = await NormaliseAsyncTests.RunAsync(PostTestData.Bytes(V2Stream));

        Assert.Equal((9L, 7L, 1L, 0L), (summary.LinesRead, summary.PostsWritten, summary.DuplicatesDropped, summary.Quarantined));
        Assert.Equal(new Dictionary<string, long> { ["errors"] = 1 }, summary.SkippedByKind);
        var dogs = canonical.Single(p => p.Id == 1377650387579248643);
        Assert.Equal(
            new CanonicalPost
            {
                Id = 1377650387579248643,
                CreatedAt = Utc(2021, 4, 1, 15, 53, 42),
                Date = new DateOnly(2021, 4, 1),
                Lang = "en",
                Text = "Sometimes I wish she would just relax😅😘🐶\n#DogsofTwitter #dogs https://t.co/1QpZlXcAkj",
                TextKey = " sometimes i wish she would just relax dogsoftwitter dogs https t co 1qpzlxcakj ",
                Hashtags = ["dogsoftwitter", "dogs"],
                Format = "v2",
            },
            dogs);
        Assert.Equal(
            "Fury https://t.co/YbMgHU5xRX https://t.co/tXgDG9jrKX",
            canonical.Single(p => p.Id == 1377650090978992134).Text);
    }
}
