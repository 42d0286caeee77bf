using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Cli.Reports;

/// <summary>Parameters of the trending score (see <see cref="TrendingScorer"/>). Configuration section <c>Trending</c>.</summary>
public sealed class TrendingOptions
{
    public const string SectionName = "Trending";

    /// <summary>How many days before a date form its baseline. Env: <c>Trending__BaselineDays</c>.</summary>
    [Range(1, 60)]
    public int BaselineDays { get; set; } = 7;

    /// <summary>A date needs at least this many baseline days with data to be scored. Env: <c>Trending__MinimumBaselineDays</c>.</summary>
    [Range(1, 60)]
    public int MinimumBaselineDays { get; set; } = 2;

    /// <summary>A show needs at least this many posts on the date to be listed. Env: <c>Trending__MinimumCount</c>.</summary>
    [Range(0, long.MaxValue)]
    public long MinimumCount { get; set; } = 10;

    /// <summary>How many shows are listed per date. Env: <c>Trending__PerDay</c>.</summary>
    [Range(1, 1000)]
    public int PerDay { get; set; } = 10;
}
