using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Activities.Engines;

/// <summary>Section <c>Engine:Local</c>: how many DuckDB jobs run at once and how many ended jobs stay answerable.</summary>
public sealed class LocalEngineOptions
{
    /// <summary>Jobs running at the same time; the rest wait (each DuckDB job uses every core it is given).</summary>
    [Range(1, 16)]
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Ended jobs kept so that late polls still answer; the oldest are forgotten first.</summary>
    [Range(1, 100_000)]
    public int RetainedJobs { get; set; } = 1000;
}
