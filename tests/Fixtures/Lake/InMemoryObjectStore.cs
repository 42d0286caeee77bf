using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Fixtures.Lake;

/// <summary>
/// A lake held in memory under an <c>s3://</c> root, so the code under test takes its remote path
/// (inputs downloaded, outputs uploaded through <see cref="IObjectStore"/> only; SparkBinding
/// prepares EMR jobs only for S3 lakes). Keys are validated as a real store validates them.
/// </summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    /// <summary>The root when none is given.</summary>
    public const string DefaultRoot = "s3://test-lake/trendingtv";

    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);
    private int _writes;

    public InMemoryObjectStore(string root = DefaultRoot) => Root = LakeUri.Parse(root);

    public LakeUri Root { get; }

    /// <summary>Calls that change the store (puts and deletes), whether or not they changed anything.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Every key, in ordinal order.</summary>
    public IReadOnlyCollection<string> Keys => [.. _objects.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The bytes of an object.</summary>
    public byte[] this[string key] => _objects[key];

    /// <summary>The text (UTF-8) of an object.</summary>
    public string ReadText(string key) => Encoding.UTF8.GetString(_objects[key]);

    /// <summary>Copies every file of a local folder in as objects, keyed by their relative paths.</summary>
    public async Task LoadFolderAsync(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            await using var stream = File.OpenRead(file);
            await PutAsync(Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), stream);
        }
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        Interlocked.Increment(ref _writes);
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
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ObjectInfo(key, _objects[key].Length, DateTimeOffset.UnixEpoch);
        }

        await Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        _objects.TryRemove(ObjectKey.Validate(key), out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        var keys = Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var key in keys)
        {
            _objects.TryRemove(key, out _);
        }

        return Task.FromResult(keys.Count);
    }
}
