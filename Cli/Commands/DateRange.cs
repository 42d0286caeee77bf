using TrendingTv.Cli.Application;
using TrendingTv.Dags.Backfill;

namespace TrendingTv.Cli.Commands;

/// <summary>
/// A checked <c>--from</c>..<c>--to</c> range, by the backfill's rules (<see cref="BackfillRequestValidator"/>):
/// not reversed, at most <see cref="BackfillRequestValidator.MaxDays"/> days.
/// </summary>
internal readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>A range not reversed and, unless <paramref name="allowLong"/> (<c>rebuild</c> streams hour by hour, whatever the range), not too long.</summary>
    /// <exception cref="UsageException">The range is reversed or too long.</exception>
    public static DateRange Check(DateOnly from, DateOnly to, bool allowLong = false) =>
        BackfillRequestValidator.RangeProblem(from, to, RangeNames.CommandLine, allowLong) is { } problem
            ? throw new UsageException(problem)
            : new DateRange(from, to);

    /// <summary>
    /// A range <c>trendingtv run</c> can run now: not reversed, not too long unless <paramref name="allowLong"/>
    /// (<c>--allow-long-range</c>), and over by yesterday (UTC).
    /// </summary>
    /// <exception cref="UsageException">The range is reversed, too long or not over yet.</exception>
    public static DateRange CheckRunnable(DateOnly from, DateOnly to, bool allowLong, TimeProvider time)
    {
        if (BackfillRequestValidator.RangeProblem(from, to, RangeNames.CommandLine, allowLong) is { } problem)
        {
            throw new UsageException(from > to ? problem : problem + " Split the range, or pass --allow-long-range.");
        }

        return BackfillRequestValidator.NotOverYetProblem("--to", to, time) is { } notOver
            ? throw new UsageException(notOver)
            : new DateRange(from, to);
    }
}
