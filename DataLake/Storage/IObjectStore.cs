namespace TrendingTv.DataLake.Storage;

/// <summary>
/// The lake's object store: a flat namespace of keys (see <see cref="ObjectKey"/>) under one root.
/// Implemented by <see cref="LocalDirectoryStore"/> and <see cref="S3ObjectStore"/>.
/// </summary>
public interface IObjectStore
{
    /// <summary>The lake root this store reads and writes, for messages (never holds secrets).</summary>
    LakeUri Root { get; }

    /// <summary>Writes <paramref name="content"/> (read to its end) as <paramref name="key"/>, replacing any existing object.
    /// Readers never see a partly written object.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for streaming reads.</summary>
    /// <exception cref="ObjectNotFoundException">No object has that key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The object's size and modification time, or null when it does not exist.</summary>
    Task<ObjectInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every object whose key starts with <paramref name="prefix"/> ("" for all), in ordinal key order,
    /// fetched page by page.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every object under <paramref name="prefix"/> and returns how many were deleted.</summary>
    Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default);
}
