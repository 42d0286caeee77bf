namespace TrendingTv.DataLake.Posts;

/// <summary>
/// The version of the rules that turn raw posts into canonical records (text choice, match keys, hashtag keys).
/// Every canonical record carries the version that wrote it; a record of an older version is stale and its hour is
/// rebuilt from the raw layer. Bump <see cref="Current"/> whenever any of those rules changes.
/// </summary>
public static class NormaliserVersion
{
    /// <summary>The version this build writes.</summary>
    public const int Current = 1;
}
