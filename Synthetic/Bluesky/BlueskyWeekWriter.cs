using System.Text;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.Synthetic.Bluesky;

/// <summary>
/// Writes a synthetic stretch of Bluesky's firehose as Jetstream JSON lines (what <see cref="JetstreamStandIn.ServeFileAsync"/>
/// serves): a given number of events a day from <see cref="JetstreamEventGenerator"/>, their <c>time_us</c>
/// spread over each UTC day, and on a spike's day its show mentioned <c>Multiplier</c> times as often as any other.
/// The same arguments give the same file.
/// </summary>
public static class BlueskyWeekWriter
{
    /// <summary>One show's extra mentions on one day: <paramref name="Day"/> counts from the start date.</summary>
    public sealed record Spike(int Day, long ShowId, double Multiplier);

    /// <summary>Writes the events of <paramref name="days"/> days from <paramref name="start"/>; returns how many were written.</summary>
    public static async Task<long> WriteAsync(
        string path, ShowCatalogue catalogue, DateOnly start, int days, int eventsPerDay, IReadOnlyList<Spike> spikes, int seed, JetstreamEventMix? mix = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventsPerDay, 1);
        long written = 0;
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (var day = 0; day < days; day++)
        {
            var midnight = new DateTimeOffset(start.AddDays(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var generator = new JetstreamEventGenerator(catalogue, seed + day, mix, midnight, eventsPerDay / 86_400.0, mentionPool: MentionPool(catalogue, spikes.Where(s => s.Day == day)));
            for (var i = 0; i < eventsPerDay; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(generator.NextJson());
                written++;
            }
        }

        return written;
    }

    /// <summary>Every show once, and each spiking show (Multiplier − 1) more times.</summary>
    private static List<Show> MentionPool(ShowCatalogue catalogue, IEnumerable<Spike> spikes)
    {
        var pool = new List<Show>(catalogue.Shows);
        foreach (var spike in spikes)
        {
            var show = catalogue.Find(spike.ShowId) ?? throw new ArgumentException($"Show {spike.ShowId} of a spike is not in the catalogue.", nameof(spikes));
            for (var extra = 1; extra < Math.Round(spike.Multiplier); extra++)
            {
                pool.Add(show);
            }
        }

        return pool;
    }
}
