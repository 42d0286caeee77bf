namespace TrendingTv.Cli.Reports;

/// <summary>One <c>tweet_stat</c> row: a show's post counts on one UTC date.</summary>
public sealed record DailyShowCount(long Id, DateOnly Date, long HashtagCount, long TextCount, long TweetCount);
