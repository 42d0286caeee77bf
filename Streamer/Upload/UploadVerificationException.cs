namespace TrendingTv.Streamer.Upload;

/// <summary>An uploaded object did not read back with the size and SHA-256 that were written.</summary>
public sealed class UploadVerificationException : Exception
{
    public UploadVerificationException()
    {
    }

    public UploadVerificationException(string message)
        : base(message)
    {
    }

    public UploadVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
