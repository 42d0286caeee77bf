using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Activities.Tests.Support;

/// <summary>
/// A lake held in memory under an <c>s3://</c> root: SparkBinding prepares EMR jobs only for S3 lakes,
/// and the EMR tests need nothing but the keys it writes.
/// </summary>
public sealed class InMemoryObjectStore(string root = "s3://test-lake/trendingtv") : IObjectStore
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);
    private int _writes;

    public LakeUri Root { get; } = LakeUri.Parse(root);

    public IReadOnlyCollection<string> Keys => [.. _objects.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Calls that change the store (puts and deletes), whether or not they changed anything.</summary>
    public int Writes => Volatile.Read(ref _writes);

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        _objects[ObjectKey.Validate(key)] = buffer.ToArray();
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        _objects.TryGetValue(key, out var bytes)
            ? Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))
            : throw new ObjectNotFoundException(Root, key, null);

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue(key, out var bytes) ? new ObjectInfo(key, bytes.Length, DateTimeOffset.UnixEpoch) : null);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var key in Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ObjectInfo(key, _objects[key].Length, DateTimeOffset.UnixEpoch);
        }

        await Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        _objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        var keys = Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        keys.ForEach(k => _objects.TryRemove(k, out _));
        return Task.FromResult(keys.Count);
    }

    public string ReadText(string key) => System.Text.Encoding.UTF8.GetString(_objects[key]);
}
