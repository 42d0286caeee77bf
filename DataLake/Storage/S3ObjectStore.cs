using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace TrendingTv.DataLake.Storage;

/// <summary>
/// A lake in an S3 bucket (AWS or an S3-compatible server). Small objects are one PUT; larger ones a
/// multipart upload of fixed-size parts read one at a time, so memory stays at one part whatever the
/// object's size. Reads stream the response body.
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private const int MaxKeysPerDelete = 1000;
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly string _keyPrefix;
    private readonly int _partSize;
    private readonly int _listPageSize;

    /// <param name="s3">The client; see <see cref="ObjectStoreFactory"/> for S3-compatible settings.</param>
    /// <param name="root">An s3:// lake root.</param>
    /// <param name="partSizeBytes">Multipart part size (at least 5 MiB, S3's minimum).</param>
    /// <param name="listPageSize">Keys per ListObjectsV2 page (1 to 1000).</param>
    public S3ObjectStore(IAmazonS3 s3, LakeUri root, int partSizeBytes = 16 << 20, int listPageSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(root);
        if (root.Kind != LakeKind.S3)
        {
            throw new ArgumentException($"The lake {root} is not an S3 lake.", nameof(root));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(partSizeBytes, 5 << 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(listPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(listPageSize, 1000);
        _s3 = s3;
        Root = root;
        _bucket = root.Bucket!;
        _keyPrefix = root.Prefix.Length == 0 ? string.Empty : root.Prefix + "/";
        _partSize = partSizeBytes;
        _listPageSize = listPageSize;
    }

    public LakeUri Root { get; }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var s3Key = S3Key(key);
        var buffer = ArrayPool<byte>.Shared.Rent(_partSize);
        try
        {
            var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, _partSize), _partSize, throwOnEndOfStream: false, cancellationToken);
            if (filled < _partSize)
            {
                using var body = new MemoryStream(buffer, 0, filled, writable: false);
                await _s3.PutObjectAsync(
                    new PutObjectRequest { BucketName = _bucket, Key = s3Key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false },
                    cancellationToken);
                return;
            }

            await MultipartUploadAsync(s3Key, content, buffer, filled, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsNoSuchBucket(e))
        {
            throw BucketMissing(e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _s3.GetObjectAsync(_bucket, S3Key(key), cancellationToken);
            return new ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (IsNoSuchBucket(e))
        {
            throw BucketMissing(e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(Root, key, e);
        }
    }

    public async Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = await _s3.GetObjectMetadataAsync(_bucket, S3Key(key), cancellationToken);
            return new ObjectInfo(key, metadata.ContentLength, ToOffset(metadata.LastModified));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _keyPrefix + prefix, MaxKeys = _listPageSize };
        do
        {
            ListObjectsV2Response page;
            try
            {
                page = await _s3.ListObjectsV2Async(request, cancellationToken);
            }
            catch (AmazonS3Exception e) when (IsNoSuchBucket(e))
            {
                throw BucketMissing(e);
            }

            foreach (var item in page.S3Objects ?? [])
            {
                yield return new ObjectInfo(item.Key[_keyPrefix.Length..], item.Size ?? 0, ToOffset(item.LastModified));
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var s3Key = S3Key(key);
        try
        {
            await _s3.DeleteObjectAsync(_bucket, s3Key, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsNoSuchBucket(e))
        {
            throw BucketMissing(e);
        }
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        var batch = new List<KeyVersion>(MaxKeysPerDelete);
        await foreach (var info in ListAsync(prefix, cancellationToken))
        {
            batch.Add(new KeyVersion { Key = _keyPrefix + info.Key });
            if (batch.Count == MaxKeysPerDelete)
            {
                deleted += await DeleteBatchAsync(batch, cancellationToken);
                batch = new List<KeyVersion>(MaxKeysPerDelete);
            }
        }

        if (batch.Count > 0)
        {
            deleted += await DeleteBatchAsync(batch, cancellationToken);
        }

        return deleted;
    }

    private async Task<int> DeleteBatchAsync(List<KeyVersion> keys, CancellationToken cancellationToken)
    {
        var response = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = _bucket, Objects = keys, Quiet = true }, cancellationToken);
        if (response.DeleteErrors is { Count: > 0 } errors)
        {
            var first = errors[0];
            throw new IOException($"Deleting {errors.Count} object(s) from {Root} failed; first: '{first.Key}': {first.Code} {first.Message}");
        }

        return keys.Count;
    }

    private async Task MultipartUploadAsync(string s3Key, Stream content, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = s3Key }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            while (filled > 0)
            {
                using (var body = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    var part = await _s3.UploadPartAsync(
                        new UploadPartRequest
                        {
                            BucketName = _bucket,
                            Key = s3Key,
                            UploadId = upload.UploadId,
                            PartNumber = parts.Count + 1,
                            InputStream = body,
                            PartSize = filled,
                            UseChunkEncoding = false,
                        },
                        cancellationToken);
                    parts.Add(new PartETag(parts.Count + 1, part.ETag));
                }

                filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, _partSize), _partSize, throwOnEndOfStream: false, cancellationToken);
            }

            await _s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = _bucket, Key = s3Key, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken);
        }
        catch (Exception failure)
        {
            await TryAbortAsync(s3Key, upload.UploadId, failure);
            throw;
        }
    }

    // Best effort: the upload's own failure is what the caller must see. An upload left behind is
    // invisible and removed by the bucket's AbortIncompleteMultipartUpload lifecycle rule, if any
    // (s3rver does not implement AbortMultipartUpload at all).
    private async Task TryAbortAsync(string s3Key, string uploadId, Exception failure)
    {
        try
        {
            await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = s3Key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception abort) when (abort is AmazonServiceException or IOException or HttpRequestException or OperationCanceledException)
        {
            failure.Data["AbortMultipartUploadError"] = abort.Message;
        }
    }

    private string S3Key(string key) => _keyPrefix + ObjectKey.ValidateObject(key);

    private static bool IsNoSuchBucket(AmazonS3Exception e) => e.ErrorCode == "NoSuchBucket";

    // Not an ObjectNotFoundException: callers that fall back when an object is missing must not do so for a wrong lake.
    private InvalidOperationException BucketMissing(AmazonS3Exception e) =>
        new($"The bucket '{_bucket}' of the lake {Root} does not exist (S3 error NoSuchBucket).", e);

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue;

    /// <summary>The response body; disposing it releases the HTTP response.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _inner = response.ResponseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => response.ContentLength;

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => _inner.Read(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
