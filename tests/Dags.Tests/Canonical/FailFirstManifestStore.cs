using TrendingTv.DataLake.Storage;

namespace TrendingTv.Dags.Tests.Canonical;

/// <summary>
/// A store that forwards to another one but fails the first write of a canonical manifest, as a crash would strike
/// a rebuild after the canonical file was replaced and before its manifest was written.
/// </summary>
internal sealed class FailFirstManifestStore(IObjectStore inner) : IObjectStore
{
    private int _failed;

    public LakeUri Root => inner.Root;

    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default) =>
        key.EndsWith(".manifest.json", StringComparison.Ordinal) && Interlocked.Exchange(ref _failed, 1) == 0
            ? throw new IOException($"Simulated crash before writing {key}.")
            : inner.PutAsync(key, content, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeleteByPrefixAsync(prefix, cancellationToken);
}
