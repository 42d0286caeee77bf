using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Tests.Rebuild;

/// <summary>
/// A store that forwards to another one, except that reading one chosen key fails: either it cancels a token once
/// some bytes were read (Ctrl-C in the middle of an hour), or it throws an I/O error.
/// </summary>
internal sealed class InterruptingStore(IObjectStore inner, string key, CancellationTokenSource? cancelAfterBytes = null, int bytes = 1024) : IObjectStore
{
    public LakeUri Root => inner.Root;

    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public async Task<Stream> OpenReadAsync(string requested, CancellationToken cancellationToken = default)
    {
        if (requested != key)
        {
            return await inner.OpenReadAsync(requested, cancellationToken);
        }

        if (cancelAfterBytes is null)
        {
            throw new IOException($"Simulated read failure of {requested}.");
        }

        var content = await inner.ReadBytesAsync(requested, cancellationToken);
        return new CancellingStream(content, cancelAfterBytes, bytes);
    }

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeleteByPrefixAsync(prefix, cancellationToken);

    /// <summary>Serves small reads and cancels the token after <c>bytes</c>; honours the token like a network stream.</summary>
    private sealed class CancellingStream(byte[] content, CancellationTokenSource cancellation, int bytes) : MemoryStream(content, writable: false)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 512)], cancellationToken);
            if (Position >= bytes)
            {
                await cancellation.CancelAsync();
            }

            return read;
        }
    }
}
