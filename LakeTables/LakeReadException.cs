namespace TrendingTv.LakeTables;

/// <summary>A lake whose tables cannot be read at all (missing, a file, holding none of the tables); the message names it.</summary>
public sealed class LakeReadException : Exception
{
    public LakeReadException()
    {
    }

    public LakeReadException(string message)
        : base(message)
    {
    }

    public LakeReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
