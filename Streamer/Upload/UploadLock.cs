namespace TrendingTv.Streamer.Upload;

/// <summary>
/// One upload of a store at a time: an exclusive lock file next to the store (<c>&lt;store&gt;.upload.lock</c>, opened
/// with <see cref="FileShare.None"/>, which .NET enforces across processes with <c>flock</c>). The lock goes with
/// the process, so a crash never leaves it held.
/// </summary>
public sealed class UploadLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly FileStream _file;

    private UploadLock(FileStream file) => _file = file;

    /// <summary>The lock file of the store at <paramref name="databasePath"/>.</summary>
    public static string PathOf(string databasePath) => databasePath + ".upload.lock";

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> while another upload holds it.</summary>
    /// <exception cref="UploadBusyException">Another upload still holds it after <paramref name="wait"/>.</exception>
    public static async Task<UploadLock> AcquireAsync(string databasePath, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var path = PathOf(databasePath);
        var started = time.GetTimestamp();
        while (true)
        {
            if (TryOpen(path) is { } file)
            {
                return new UploadLock(file);
            }

            var waited = time.GetElapsedTime(started);
            if (waited >= wait)
            {
                throw new UploadBusyException($"Another upload of the store '{databasePath}' is running (lock file '{path}'); waited {waited.TotalSeconds:0} s (Upload:LockWait). Try again once it has finished.");
            }

            await Task.Delay(wait - waited < Poll ? wait - waited : Poll, time, cancellationToken);
        }
    }

    public void Dispose() => _file.Dispose();

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null; // held by another upload
        }
    }
}
