namespace TrendingTv.Streamer.Upload;

/// <summary>Another upload of the same store held its lock for longer than <see cref="UploadOptions.LockWait"/>.</summary>
public sealed class UploadBusyException : Exception
{
    public UploadBusyException()
    {
    }

    public UploadBusyException(string message)
        : base(message)
    {
    }

    public UploadBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
