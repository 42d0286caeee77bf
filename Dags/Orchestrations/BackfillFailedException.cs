namespace TrendingTv.Dags.Orchestrations;

/// <summary>Ends a backfill in which some daily runs failed (after all of them ran); the message lists the failed runs and why.</summary>
public sealed class BackfillFailedException : Exception
{
    public BackfillFailedException()
        : base("The backfill failed.")
    {
    }

    public BackfillFailedException(string message)
        : base(message)
    {
    }

    public BackfillFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
