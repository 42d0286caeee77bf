using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.S3;

namespace TrendingTv.Dags.Tests.Canonical;

/// <summary>The same raw-data step on an S3 lake (s3rver): the local engine downloads its inputs after the rebuild.</summary>
[Collection(S3rverFixture.Collection)]
public sealed class S3CanonicalRebuildDagTests(S3rverFixture s3)
{
    [Fact]
    public async Task On_an_s3_lake_a_missing_canonical_hour_is_rebuilt_before_the_job()
    {
        var (lake, _) = await s3.CreateBucketAsync();
        var expected = await TweetDay.PutAsync(lake, asTheUploaderDoes: true);
        var hour = new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);
        await lake.DeleteAsync(LakeLayout.CanonicalTweetHourKey(hour));
        await using var dag = await LocalEngineDag.StartAsync(lake);

        var result = await dag.Host.RunAsync(Dataset.Tweet, TweetDay.Date);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(expected, await dag.TweetStatAsync(TweetDay.Date));
        Assert.True(await lake.ExistsAsync(LakeLayout.CanonicalTweetHourKey(hour)));
        var again = await dag.Host.RunAsync(Dataset.Tweet, TweetDay.Date);
        Assert.Equal(0, again.Summary!.CanonicalHoursRebuilt);
    }
}
