namespace TrendingTv.LakeTables;

/// <summary>A query refused before it ran (empty, or more than one statement); the message says why.</summary>
public sealed class QueryRejectedException : Exception
{
    public QueryRejectedException()
    {
    }

    public QueryRejectedException(string message)
        : base(message)
    {
    }

    public QueryRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
