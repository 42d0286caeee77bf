using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.SparkJobs.Tests;

/// <summary>
/// An object store that is not a local directory (its root is an s3:// URI), so the code under test
/// takes its remote path: inputs downloaded, outputs uploaded through <see cref="IObjectStore"/> only.
/// </summary>
internal sealed class InMemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);

    public InMemoryObjectStore(string root = "s3://test-lake/prefix") => Root = LakeUri.Parse(root);

    public LakeUri Root { get; }

    public IReadOnlyCollection<string> Keys => [.. _objects.Keys.Order(StringComparer.Ordinal)];

    public byte[] this[string key] => _objects[key];

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        _objects[key] = buffer.ToArray();
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        _objects.TryGetValue(ObjectKey.Validate(key), out var bytes)
            ? Task.FromResult<Stream>(new MemoryStream(bytes, writable: false))
            : throw new ObjectNotFoundException(Root, key);

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue(ObjectKey.Validate(key), out var bytes) ? new ObjectInfo(key, bytes.Length, DateTimeOffset.UnixEpoch) : null);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        foreach (var key in Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            yield return new ObjectInfo(key, _objects[key].Length, DateTimeOffset.UnixEpoch);
        }

        await Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        _objects.TryRemove(ObjectKey.Validate(key), out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var keys = Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var key in keys)
        {
            _objects.TryRemove(key, out _);
        }

        return Task.FromResult(keys.Count);
    }

    /// <summary>Copies every file of a local folder in as objects.</summary>
    public async Task LoadFolderAsync(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            await using var stream = File.OpenRead(file);
            await PutAsync(Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), stream);
        }
    }
}
