namespace TrendingTv.Cli.Reports;

/// <summary>The trending shows of one date, best first; empty when the date had too little baseline.</summary>
public sealed record TrendingDay(DateOnly Date, int BaselineDays, IReadOnlyList<TrendingEntry> Shows);
