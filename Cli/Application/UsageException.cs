namespace TrendingTv.Cli.Application;

/// <summary>A bad option value found once the command runs (a reversed range, an unwritable --out); exits 2 with the message.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
