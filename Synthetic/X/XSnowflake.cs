namespace TrendingTv.Synthetic.X;

/// <summary>X post ids ("snowflakes"): milliseconds since X's epoch in the top bits, a sequence in the low 22.</summary>
public static class XSnowflake
{
    /// <summary>X's epoch, 2010-11-04 01:42:54.657 UTC.</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1288834974657);

    /// <summary>The id of a post created at <paramref name="createdAt"/> with the given sequence number (its low 22 bits are used).</summary>
    public static long Id(DateTimeOffset createdAt, long sequence) =>
        ((createdAt.ToUnixTimeMilliseconds() - Epoch.ToUnixTimeMilliseconds()) << 22) | (sequence & 0x3FFFFF);
}
