namespace TrendingTv.DataLake.Storage;

/// <summary>Thrown when an object that must exist does not.</summary>
public sealed class ObjectNotFoundException : FileNotFoundException
{
    public ObjectNotFoundException(LakeUri root, string key, Exception? innerException = null)
        : base($"No object '{key}' in the lake {root}.", key, innerException)
    {
        Key = key;
    }

    public string Key { get; }
}
