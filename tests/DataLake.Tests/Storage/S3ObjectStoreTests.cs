using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using TrendingTv.DataLake.Storage;
using TrendingTv.DataLake.Tests.Support;
using TrendingTv.Fixtures.S3;
using TrendingTv.LocalS3;

namespace TrendingTv.DataLake.Tests.Storage;

/// <summary>What only the S3 store does: requests, parts, prefixes in the bucket, S3-compatible settings (on s3rver).</summary>
[Collection(S3rverFixture.Collection)]
public sealed class S3ObjectStoreTests(S3rverFixture s3rver)
{
    private const int PartSize = 5 << 20;

    [Fact]
    public async Task Keys_live_under_the_lake_prefix_in_the_bucket()
    {
        var (store, root) = await s3rver.CreateBucketAsync(prefix: "lakes/prod/");
        await store.PutTextAsync("reference/tv_shows.csv", "id,name,hashtag\n");
        await s3rver.Client.PutObjectAsync(new PutObjectRequest { BucketName = root.Bucket, Key = "lakes/prodx/other.csv", ContentBody = "x", UseChunkEncoding = false });

        var inBucket = await s3rver.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = root.Bucket });

        Assert.Equal("lakes/prod", root.Prefix);
        Assert.Equal(["lakes/prod/reference/tv_shows.csv", "lakes/prodx/other.csv"], inBucket.S3Objects.Select(o => o.Key));
        Assert.Equal(["reference/tv_shows.csv"], await KeysAsync(store, string.Empty));
        Assert.Equal($"s3://{root.Bucket}/lakes/prod/reference/tv_shows.csv", root.UriOf("reference/tv_shows.csv"));
        var bucketRoot = s3rver.CreateStore(LakeUri.Parse($"s3://{root.Bucket}"));
        Assert.Equal(["lakes/prod/reference/tv_shows.csv", "lakes/prodx/other.csv"], await KeysAsync(bucketRoot, string.Empty));
    }

    [Fact]
    public async Task An_object_smaller_than_a_part_is_one_put()
    {
        var (client, counter) = CountingS3Client.Wrap(s3rver.Client);
        var store = new S3ObjectStore(client, await NewRootAsync(), PartSize);

        await store.PutAsync("small.bin", new ScriptedStream(PartSize - 1));

        Assert.Equal(1, counter.Count(nameof(IAmazonS3.PutObjectAsync)));
        Assert.Equal(0, counter.Count(nameof(IAmazonS3.InitiateMultipartUploadAsync)));
    }

    [Fact]
    public async Task An_object_larger_than_a_part_is_uploaded_in_parts_read_one_at_a_time()
    {
        var (client, counter) = CountingS3Client.Wrap(s3rver.Client);
        var store = new S3ObjectStore(client, await NewRootAsync(), PartSize);
        const int Size = (2 * PartSize) + 1;

        await store.PutAsync("big.bin", new ScriptedStream(Size, seed: 3));

        Assert.Equal(0, counter.Count(nameof(IAmazonS3.PutObjectAsync)));
        Assert.Equal(1, counter.Count(nameof(IAmazonS3.InitiateMultipartUploadAsync)));
        Assert.Equal(3, counter.Count(nameof(IAmazonS3.UploadPartAsync)));
        Assert.Equal(1, counter.Count(nameof(IAmazonS3.CompleteMultipartUploadAsync)));
        await using var read = await store.OpenReadAsync("big.bin");
        Assert.Equal(ScriptedStream.ExpectedSha256(Size, seed: 3), ScriptedStream.Sha256(read));
    }

    [Fact]
    public async Task A_multipart_upload_whose_source_fails_is_aborted()
    {
        var (client, counter) = CountingS3Client.Wrap(s3rver.Client);
        var store = new S3ObjectStore(client, await NewRootAsync(), PartSize);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("big.bin", new ScriptedStream(3 * PartSize, failAt: PartSize + 10)));

        Assert.Equal(1, counter.Count(nameof(IAmazonS3.UploadPartAsync)));
        Assert.Equal(1, counter.Count(nameof(IAmazonS3.AbortMultipartUploadAsync)));
        Assert.Equal(0, counter.Count(nameof(IAmazonS3.CompleteMultipartUploadAsync)));
        Assert.Null(await store.GetInfoAsync("big.bin"));
    }

    [Fact]
    public async Task A_missing_bucket_is_not_reported_as_a_missing_object()
    {
        var store = s3rver.CreateStore(LakeUri.Parse("s3://no-such-bucket-here/lake"));

        var read = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenReadAsync("reference/tv_shows.csv"));
        var list = await Assert.ThrowsAsync<InvalidOperationException>(() => KeysAsync(store, "tweets/"));
        var put = await Assert.ThrowsAsync<InvalidOperationException>(() => store.PutTextAsync("reference/tv_shows.csv", "x"));

        Assert.All(new[] { read, list, put }, e => Assert.Contains("bucket 'no-such-bucket-here'", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_factory_builds_an_S3_store_from_lake_options()
    {
        var bucket = await s3rver.NewBucketAsync();

        var store = ObjectStoreFactory.Create(s3rver.OptionsFor(bucket, "lake"), S3rverProcess.Credentials);
        await store.PutTextAsync("reference/tv_shows.csv", "id,name,hashtag\n");

        Assert.IsType<S3ObjectStore>(store);
        Assert.Equal(LakeUri.Parse($"s3://{bucket}/lake"), store.Root);
        Assert.Equal("id,name,hashtag\n", await store.ReadTextAsync("reference/tv_shows.csv"));
    }

    [Fact]
    public async Task S3rver_refuses_an_unknown_access_key_but_does_not_verify_SigV4_signatures()
    {
        // A quirk to know: request signing cannot be tested against s3rver, only that the credentials are sent.
        var bucket = await s3rver.NewBucketAsync();
        var options = s3rver.OptionsFor(bucket);
        var unknownKey = ObjectStoreFactory.Create(options, new BasicAWSCredentials("NOT-S3RVER", S3rverProcess.AccessKey));
        var wrongSecret = ObjectStoreFactory.Create(options, new BasicAWSCredentials(S3rverProcess.AccessKey, "not-the-secret"));

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => unknownKey.PutTextAsync("x.txt", "x"));
        await wrongSecret.PutTextAsync("x.txt", "accepted");

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
        Assert.Equal("accepted", await wrongSecret.ReadTextAsync("x.txt"));
    }

    [Fact]
    public async Task Reads_stream_the_body_without_a_known_position()
    {
        var (store, _) = await s3rver.CreateBucketAsync();
        await store.PutAsync("big.bin", new ScriptedStream(PartSize + 7, seed: 5));

        await using var read = await store.OpenReadAsync("big.bin");

        Assert.False(read.CanSeek);
        Assert.Equal(PartSize + 7, read.Length);
        Assert.Equal(ScriptedStream.ExpectedSha256(PartSize + 7, seed: 5), ScriptedStream.Sha256(read));
    }

    private async Task<LakeUri> NewRootAsync() => LakeUri.Parse($"s3://{await s3rver.NewBucketAsync()}");

    private static async Task<List<string>> KeysAsync(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(prefix))
        {
            keys.Add(info.Key);
        }

        return keys;
    }
}
