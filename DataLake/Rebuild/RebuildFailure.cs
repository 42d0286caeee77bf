namespace TrendingTv.DataLake.Rebuild;

/// <summary>An hour whose rebuild failed, and why; the hour was left as it was.</summary>
public sealed record RebuildFailure(string Source, DateTimeOffset Hour, string Message);
