namespace TrendingTv.Dags.Models;

/// <summary>A backfill's custom status: runs in total, finished (succeeded, failed), in flight, and the last one that finished.</summary>
public sealed record BackfillStatus(int Total, int Succeeded, int Failed, int Running, string? LastFinished);
