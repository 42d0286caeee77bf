using System.Runtime.CompilerServices;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>
/// Wraps a store, records every write (put, delete) in order, and can crash: the write numbered
/// <see cref="CrashBeforeWrite"/> (1 = the first) throws an <see cref="IOException"/> instead of happening,
/// as if the process died right after the writes before it.
/// </summary>
internal sealed class RecordingObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly List<string> _writes = [];

    public int? CrashBeforeWrite { get; set; }

    /// <summary>"put key" / "delete key" / "delete-prefix prefix", in order.</summary>
    public IReadOnlyList<string> Writes => _writes;

    public LakeUri Root => inner.Root;

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        Write("put " + key);
        await inner.PutAsync(key, content, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var info in inner.ListAsync(prefix, cancellationToken))
        {
            yield return info;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Write("delete " + key);
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        Write("delete-prefix " + prefix);
        return inner.DeleteByPrefixAsync(prefix, cancellationToken);
    }

    private void Write(string what)
    {
        if (_writes.Count + 1 == CrashBeforeWrite)
        {
            throw new IOException($"Simulated crash before write {CrashBeforeWrite} ({what}).");
        }

        _writes.Add(what);
    }
}
