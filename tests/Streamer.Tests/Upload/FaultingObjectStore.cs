using TrendingTv.DataLake.Storage;

namespace TrendingTv.Streamer.Tests.Upload;

/// <summary>
/// An <see cref="IObjectStore"/> decorator that injects faults: the first <see cref="FailPuts"/>
/// uploads throw (as a 500 or a reset would), and with <see cref="CorruptPuts"/> every upload stores
/// the content without its last byte (as a lossy proxy would), so verification must catch it.
/// </summary>
internal sealed class FaultingObjectStore(IObjectStore inner) : IObjectStore
{
    private int _puts;

    public int FailPuts { get; set; }

    public bool CorruptPuts { get; set; }

    public int PutAttempts => _puts;

    public LakeUri Root => inner.Root;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var attempt = Interlocked.Increment(ref _puts);
        if (attempt <= FailPuts)
        {
            throw attempt % 2 == 0
                ? new IOException($"Connection reset while uploading {key} (injected).")
                : new HttpRequestException($"500 Internal Server Error uploading {key} (injected).", null, System.Net.HttpStatusCode.InternalServerError);
        }

        if (CorruptPuts)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            buffer.SetLength(Math.Max(0, buffer.Length - 1));
            buffer.Position = 0;
            await inner.PutAsync(key, buffer, cancellationToken);
            return;
        }

        await inner.PutAsync(key, content, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeleteByPrefixAsync(prefix, cancellationToken);
}
