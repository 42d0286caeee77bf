namespace TrendingTv.Cli.Serve;

/// <summary>
/// The folder where <c>serve</c> and <c>run --durable</c> keep their state: the local Azurite's data, the local
/// engine's job journal and the generated API key. Held with an exclusive lock for the life of the process,
/// so that two processes never share it (two Azurites over one data folder, or two engines over one journal,
/// would corrupt both).
/// </summary>
public sealed class StateFolder : IDisposable
{
    /// <summary>The default, relative to the working directory.</summary>
    public const string DefaultPath = "trendingtv-state";

    private readonly FileStream _lock;

    private StateFolder(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    /// <summary>Azurite's data.</summary>
    public string AzuriteDirectory => System.IO.Path.Combine(Path, "azurite");

    /// <summary>The local engine's job journal.</summary>
    public string LocalJobJournal => System.IO.Path.Combine(Path, "local-jobs.jsonl");

    /// <summary>The API key <c>serve</c> generates when none is configured.</summary>
    public string ApiKeyFile => System.IO.Path.Combine(Path, "api-key");

    /// <summary>Creates the folder if needed and takes its lock.</summary>
    /// <exception cref="InvalidOperationException">Another process holds the folder, or it cannot be created; the message names it.</exception>
    public static StateFolder Lock(string path)
    {
        var full = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultPath : path);
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The state folder {full} cannot be created: {e.Message}", e);
        }

        try
        {
            var lockFile = new FileStream(System.IO.Path.Combine(full, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new StateFolder(full, lockFile);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"The state folder {full} is in use by another trendingtv process (serve or run --durable); stop it, or give this one another --state folder.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException($"The state folder {full} is not writable: {e.Message}", e);
        }
    }

    public void Dispose() => _lock.Dispose();
}
