namespace TrendingTv.Cli.Reports;

/// <summary>
/// One show trending on one date: its post count, its baseline mean over the previous days with
/// data, the growth score, and the change of its TMDB popularity since the previous snapshot.
/// </summary>
public sealed record TrendingEntry(
    int Rank,
    long Id,
    string Name,
    long Count,
    double BaselineMean,
    int BaselineDays,
    double Score,
    double? Popularity,
    double? PopularityChange);
