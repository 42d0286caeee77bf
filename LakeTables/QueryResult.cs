namespace TrendingTv.LakeTables;

/// <summary>The columns and rows of one query over the lake's tables.</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
