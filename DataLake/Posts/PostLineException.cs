namespace TrendingTv.DataLake.Posts;

/// <summary>A raw line that is valid JSON but not a usable post (missing id, wrong type...); its message is the quarantine reason.</summary>
internal sealed class PostLineException : Exception
{
    public PostLineException()
    {
    }

    public PostLineException(string message)
        : base(message)
    {
    }

    public PostLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
