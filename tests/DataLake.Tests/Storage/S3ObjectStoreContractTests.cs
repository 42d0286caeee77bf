using Amazon.S3;
using TrendingTv.DataLake.Storage;
using TrendingTv.DataLake.Tests.Support;
using TrendingTv.Fixtures.S3;

namespace TrendingTv.DataLake.Tests.Storage;

/// <summary>
/// The object-store contract on S3, served by s3rver on loopback: a fresh bucket per test, with a lake
/// prefix so that prefix handling is exercised too. Each store's client counts its requests.
/// </summary>
[Collection(S3rverFixture.Collection)]
public sealed class S3ObjectStoreContractTests(S3rverFixture s3rver) : ObjectStoreContract
{
    private readonly Dictionary<IObjectStore, CountingS3Client> _counters = [];

    protected override async Task<IObjectStore> NewStoreAsync()
    {
        var (store, root) = await s3rver.CreateBucketAsync(prefix: "lakes/test");
        Assert.IsType<S3ObjectStore>(store);
        return Counted(root, listPageSize: 1000);
    }

    protected override IObjectStore WithListPageSize(IObjectStore store, int listPageSize) => Counted(store.Root, listPageSize);

    protected override void AssertListRequests(IObjectStore pagedStore, int pages) =>
        Assert.Equal(pages, _counters[pagedStore].Count(nameof(IAmazonS3.ListObjectsV2Async)));

    protected override void AssertDeleteBatches(IObjectStore store, int batches) =>
        Assert.Equal(batches, _counters[store].Count(nameof(IAmazonS3.DeleteObjectsAsync)));

    private S3ObjectStore Counted(LakeUri root, int listPageSize)
    {
        var (client, counter) = CountingS3Client.Wrap(s3rver.Client);
        var store = new S3ObjectStore(client, root, PartSize, listPageSize);
        _counters[store] = counter;
        return store;
    }
}
