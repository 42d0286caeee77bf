using System.Runtime.CompilerServices;

namespace TrendingTv.DataLake.Storage;

/// <summary>
/// A lake in a local directory. Writes go to a temporary file under <c>.tmp/</c> in the root and are
/// renamed into place, so a reader sees the old object or the new one, never a partial one; the
/// <c>.tmp/</c> folder is removed again once no write is in flight.
/// </summary>
public sealed class LocalDirectoryStore : IObjectStore
{
    /// <summary>Folder under the root for in-flight writes; never listed.</summary>
    public const string TempFolder = ".tmp";

    private const int BufferSize = 1 << 16;
    private readonly string _root;

    public LocalDirectoryStore(LakeUri root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.IsLocal)
        {
            throw new ArgumentException($"The lake {root} is not a local directory.", nameof(root));
        }

        Root = root;
        _root = root.LocalPath!;
    }

    public LakeUri Root { get; }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        var tempDirectory = Path.Combine(_root, TempFolder);
        var tempPath = Path.Combine(tempDirectory, $"{Guid.NewGuid():N}.part");
        try
        {
            await using (var target = await CreateTempFileAsync(tempDirectory, tempPath))
            {
                await content.CopyToAsync(target, BufferSize, cancellationToken);
                await target.FlushAsync(cancellationToken);
                target.Flush(flushToDisk: true);
            }

            await MoveIntoPlaceAsync(key, tempPath, path);
        }
        finally
        {
            if (File.Exists(tempPath))
            {
                File.Delete(tempPath);
            }

            RemoveIfEmpty(tempDirectory);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (Directory.Exists(path))
        {
            throw new ObjectNotFoundException(Root, key); // a folder, i.e. a prefix of other keys
        }

        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(Root, key, e);
        }
    }

    public Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new ObjectInfo(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        // Start from the deepest directory the prefix names, then filter by the full prefix.
        var lastSlash = prefix.LastIndexOf('/');
        var directory = lastSlash < 0 ? _root : Path.Combine(_root, prefix[..lastSlash]);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var keys = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.StartsWith(TempFolder + "/", StringComparison.Ordinal))
            {
                keys.Add(key);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = new FileInfo(Path.Combine(_root, key));
            if (file.Exists)
            {
                yield return new ObjectInfo(key, file.Length, file.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.CompletedTask; // File.Delete ignores a missing file but not a missing folder
        }

        PruneEmptyDirectories(Path.GetDirectoryName(path)!);
        return Task.CompletedTask;
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        var directories = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var info in ListAsync(prefix, cancellationToken))
        {
            var path = PathOf(info.Key);
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                continue; // deleted concurrently, folder and all
            }

            directories.Add(Path.GetDirectoryName(path)!);
            deleted++;
        }

        foreach (var directory in directories.OrderByDescending(d => d.Length))
        {
            PruneEmptyDirectories(directory);
        }

        return deleted;
    }

    private string PathOf(string key)
    {
        ObjectKey.ValidateObject(key);
        if (key == TempFolder || key.StartsWith(TempFolder + "/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid object key '{key}': '{TempFolder}/' holds the local store's in-flight writes.", nameof(key));
        }

        return Root.LocalPathOf(key);
    }

    private static async Task<FileStream> CreateTempFileAsync(string tempDirectory, string tempPath)
    {
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(tempDirectory);
            try
            {
                return new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            }
            catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException && attempt < 20)
            {
                // A concurrent write removed the emptied temp folder between its creation and this file's; create it again.
                await Task.Yield();
            }
        }
    }

    // The temp folder exists only while a write is in flight, so a lake never keeps an empty .tmp/.
    private static void RemoveIfEmpty(string directory)
    {
        try
        {
            Directory.Delete(directory);
        }
        catch (IOException)
        {
            // Not empty (another write is in flight) or already removed.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task MoveIntoPlaceAsync(string key, string tempPath, string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(directory);
                File.Move(tempPath, path, overwrite: true);
                return;
            }
            catch (IOException) when (attempt < 5 && File.Exists(tempPath) && !File.Exists(directory))
            {
                // A concurrent delete pruned the folder while this write created it or renamed into it: rename(2)
                // reports ENOENT (DirectoryNotFoundException or FileNotFoundException), and a mkdir that met the
                // folder just before it was removed reports "already exists". Create it again. A file standing
                // where the folder should be is a real conflict and fails at once.
                await Task.Yield();
            }
            catch (IOException e)
            {
                throw new IOException($"Cannot write '{key}' to the lake {Root}: {e.Message}", e);
            }
        }
    }

    private void PruneEmptyDirectories(string directory)
    {
        try
        {
            while (directory.Length > _root.Length && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
                directory = Path.GetDirectoryName(directory)!;
            }
        }
        catch (IOException)
        {
            // A concurrent writer put something there, or a concurrent delete removed it first.
        }
    }
}
