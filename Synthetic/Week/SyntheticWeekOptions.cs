using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Synthetic.Week;

/// <summary>Parameters of the synthetic week (<see cref="SyntheticWeekGenerator"/>). The same options give the same files.</summary>
public sealed class SyntheticWeekOptions
{
    /// <summary>The limits of <see cref="Days"/> and <see cref="PostsPerDay"/>, shared with the demo's options.</summary>
    public const int MinDays = 1, MaxDays = 60, MinPostsPerDay = 10, MaxPostsPerDay = 1_000_000;

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; set; } = 20201123;

    /// <summary>The first UTC date of the week.</summary>
    public DateOnly Start { get; set; } = new(2026, 11, 16);

    [Range(MinDays, MaxDays)]
    public int Days { get; set; } = 7;

    /// <summary>Average posts about tracked shows per day (before weekday and noise factors), plus about 8% untracked posts.</summary>
    [Range(MinPostsPerDay, MaxPostsPerDay)]
    public int PostsPerDay { get; set; } = 3000;

    /// <summary>Bluesky's volume beside X's: the same shows and spikes, this share of X's posts, as Jetstream events (0: none).</summary>
    [Range(0.0, 1.0)]
    public double BlueskyShare { get; set; } = 0.3;

    /// <summary>How much an injected spike multiplies the show's posts on its day.</summary>
    [Range(2, 100)]
    public double SpikeMultiplier { get; set; } = 8;

    /// <summary>Spikes: (day index from <see cref="Start"/>, rank of the show by volume, 1 = the most posted).</summary>
    public IReadOnlyList<(int Day, int Rank)> Spikes { get; set; } = [(3, 9), (4, 16), (5, 25)];
}
