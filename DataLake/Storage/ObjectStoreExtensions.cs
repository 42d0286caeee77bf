using System.Text;

namespace TrendingTv.DataLake.Storage;

/// <summary>Conveniences over <see cref="IObjectStore"/> for small objects and prefix checks.</summary>
public static class ObjectStoreExtensions
{
    public static async Task<bool> ExistsAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default) =>
        await store.GetInfoAsync(key, cancellationToken) is not null;

    /// <summary>True when at least one object has a key under <paramref name="prefix"/>.</summary>
    public static async Task<bool> AnyUnderAsync(this IObjectStore store, string prefix, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in store.ListAsync(prefix, cancellationToken))
        {
            return true;
        }

        return false;
    }

    public static async Task PutBytesAsync(this IObjectStore store, string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        await store.PutAsync(key, stream, cancellationToken);
    }

    public static Task PutTextAsync(this IObjectStore store, string key, string text, CancellationToken cancellationToken = default) =>
        store.PutBytesAsync(key, Encoding.UTF8.GetBytes(text), cancellationToken);

    public static async Task<byte[]> ReadBytesAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default)
    {
        await using var stream = await store.OpenReadAsync(key, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public static async Task<string> ReadTextAsync(this IObjectStore store, string key, CancellationToken cancellationToken = default) =>
        Encoding.UTF8.GetString(await store.ReadBytesAsync(key, cancellationToken));

    /// <summary>Copies an object to a local file (creating its folder), streaming.</summary>
    public static async Task DownloadToFileAsync(this IObjectStore store, string key, string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var source = await store.OpenReadAsync(key, cancellationToken);
        await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await source.CopyToAsync(target, cancellationToken);
    }

    /// <summary>Uploads a local file as <paramref name="key"/>, streaming.</summary>
    public static async Task UploadFileAsync(this IObjectStore store, string path, string key, CancellationToken cancellationToken = default)
    {
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await store.PutAsync(key, source, cancellationToken);
    }
}
