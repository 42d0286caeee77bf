namespace TrendingTv.Dags.Backfill;

/// <summary>The body of <c>POST /api/backfill</c>: <c>{"from": "yyyy-MM-dd", "to": "yyyy-MM-dd", "datasets": ["tweet", "tmdb"]}</c> (no datasets = both).</summary>
public sealed class BackfillRequest
{
    public string? From { get; set; }

    public string? To { get; set; }

    public IReadOnlyList<string>? Datasets { get; set; }
}
