namespace TrendingTv.Streamer.Sources;

/// <summary>A source refused our credentials or request (HTTP 401/403): capture stops, because retrying would not help.</summary>
public sealed class SourceRefusedException : Exception
{
    public SourceRefusedException()
    {
    }

    public SourceRefusedException(string message)
        : base(message)
    {
    }

    public SourceRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
