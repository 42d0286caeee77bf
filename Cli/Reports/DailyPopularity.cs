namespace TrendingTv.Cli.Reports;

/// <summary>One <c>tmdb_stat</c> row reduced to what the report needs: a show's TMDB popularity on one date.</summary>
public sealed record DailyPopularity(long Id, DateOnly Date, double Popularity);
