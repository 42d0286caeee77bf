namespace TrendingTv.DataLake.Rebuild;

/// <summary>Which UTC hours a piece of work covers.</summary>
public static class CanonicalHours
{
    /// <summary>Every hour of the dates <paramref name="from"/> to <paramref name="to"/>, in order.</summary>
    public static IReadOnlyList<DateTimeOffset> OfDates(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        var first = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return [.. Enumerable.Range(0, (to.DayNumber - from.DayNumber + 1) * 24).Select(h => first.AddHours(h))];
    }

    /// <summary>The hours the daily tweet job reads for <paramref name="date"/>: the date's 24, and the next date's first (posts created just before midnight land there).</summary>
    public static IReadOnlyList<DateTimeOffset> ReadForDate(DateOnly date) => [.. OfDates(date, date), new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)];
}
