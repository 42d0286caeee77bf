using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.S3;
using static TrendingTv.DataLake.Tests.Rebuild.RebuildLake;

namespace TrendingTv.DataLake.Tests.Rebuild;

/// <summary>The rebuild through the S3 store against s3rver: same bytes as locally; listings and manifests tell current from stale.</summary>
[Collection(S3rverFixture.Collection)]
public sealed class S3CanonicalRebuilderTests(S3rverFixture s3)
{
    [Fact]
    public async Task On_an_s3_lake_the_rebuild_writes_what_the_normaliser_writes_and_then_finds_every_hour_current()
    {
        var (store, _) = await s3.CreateBucketAsync("lake");
        using var lake = new RebuildLake(store);
        await lake.PutRealRawHoursAsync();

        var first = await lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        var second = await lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        Assert.Equal((3, 0), (first.Rebuilt.Count, first.Failures.Count));
        Assert.Equal((0, 3), (second.Rebuilt.Count, second.SkippedAsCurrent));
        Assert.Equal(await NormaliseAsync(Rest), await store.ReadBytesAsync(Canonical(Hours[1])));
    }

    [Fact]
    public async Task On_an_s3_lake_a_truncated_canonical_hour_is_found_and_repaired()
    {
        var (store, _) = await s3.CreateBucketAsync();
        using var lake = new RebuildLake(store);
        await lake.PutRealRawHoursAsync();
        await lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        var good = await store.ReadBytesAsync(Canonical(Hours[0]));
        await store.PutBytesAsync(Canonical(Hours[0]), good[..(good.Length / 2)]);

        Assert.Equal(CanonicalHourState.CanonicalChanged, (await lake.StatesAsync())[Hours[0]]);
        var summary = await lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        Assert.Equal([Hours[0]], summary.Rebuilt.Select(h => h.Hour));
        Assert.Equal(good, await store.ReadBytesAsync(Canonical(Hours[0])));
    }
}
