namespace TrendingTv.DataLake.Posts;

/// <summary>
/// The version of the rules that turn raw posts into canonical records (text choice, match keys, hashtag keys).
/// Every canonical record carries the version that wrote it; an hour written by an older version is stale and is
/// rebuilt from the raw layer. Bump <see cref="Current"/> whenever any of those rules changes, and say what changed
/// in docs/canonical-records.md ("Versions").
/// </summary>
public static class NormaliserVersion
{
    /// <summary>
    /// The version this build writes. 1: the first versioned rules. 2: combining marks belong to the word they follow
    /// (a mark after no word is a separator), variation selectors are dropped from text keys, and a post's hashtag
    /// keys are listed once each.
    /// </summary>
    public const int Current = 2;
}
