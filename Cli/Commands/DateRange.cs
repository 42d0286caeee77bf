using TrendingTv.Cli.Application;
using TrendingTv.Dags.Backfill;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Cli.Commands;

/// <summary>A checked <c>--from</c>..<c>--to</c> range: not reversed, at most <see cref="BackfillRequestValidator.MaxDays"/> days (the backfill's limit).</summary>
internal readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <exception cref="UsageException">The range is reversed or too long.</exception>
    public static DateRange Check(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new UsageException($"--to {LakeLayout.Iso(to)} is before --from {LakeLayout.Iso(from)}.");
        }

        var range = new DateRange(from, to);
        return range.Days <= BackfillRequestValidator.MaxDays
            ? range
            : throw new UsageException($"The range {LakeLayout.Iso(from)} to {LakeLayout.Iso(to)} has {range.Days} days; at most {BackfillRequestValidator.MaxDays} are allowed.");
    }
}
