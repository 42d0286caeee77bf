namespace TrendingTv.Cli.Reports;

/// <summary>
/// The heatmap's data: the daily post counts of the top shows (rows, by total posts) over the
/// report's dates (columns). <c>Counts[row][column]</c>.
/// </summary>
public sealed record DailyCountsGrid(
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<long> ShowIds,
    IReadOnlyList<string> ShowNames,
    IReadOnlyList<IReadOnlyList<long>> Counts);
