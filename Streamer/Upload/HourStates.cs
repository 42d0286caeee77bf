using System.Globalization;
using TrendingTv.DataLake.Layout;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Upload;

/// <summary>
/// The state of each source's hour from the store's counts, the ledger and the connection log (pure): uploaded
/// (purged or not), uploaded with posts new since, empty (connected throughout, nothing received), waiting for
/// upload, still open, or no data because the source was not connected (an outage is never an empty hour).
/// </summary>
public static class HourStates
{
    public const string Empty = "empty (connected throughout)";
    public const string Waiting = "waiting for upload";
    public const string Open = "open";
    public const string NotConnected = "no data: not connected";
    public const string NotRunning = "no data: capture not running all hour";

    /// <summary>The hours from <paramref name="since"/> on, by source then hour.</summary>
    public static IReadOnlyList<HourState> Build(
        IReadOnlyList<HourCount> counts,
        IReadOnlyList<UploadLedgerEntry> ledger,
        IReadOnlyList<CaptureSession> sessions,
        IReadOnlyList<SourceGap> gaps,
        DateTimeOffset closedBefore,
        DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(gaps);
        var byCount = counts.ToDictionary(c => (c.Source, c.Hour));
        var byLedger = ledger.ToDictionary(e => (e.Source, e.Hour));
        var sources = counts.Select(c => c.Source).Concat(sessions.Select(s => s.Source)).Concat(gaps.Select(g => g.Source)).Distinct().Order(StringComparer.Ordinal);
        var states = new List<HourState>();
        foreach (var source in sources)
        {
            var hours = new SourceHours(source, sessions, gaps);
            var keys = counts.Where(c => c.Source == source).Select(c => c.Hour)
                .Concat(ledger.Where(e => e.Source == source).Select(e => e.Hour))
                .Concat(hours.SessionHours(DateTimeOffset.MaxValue.AddHours(-2)))
                .Concat(gaps.Where(g => g.Source == source).SelectMany(GapHours))
                .Where(h => h >= since)
                .Distinct()
                .Order();
            foreach (var hour in keys)
            {
                var count = byCount.GetValueOrDefault((source, hour));
                var entry = byLedger.GetValueOrDefault((source, hour));
                var state = Describe(count, entry, hours, hour, closedBefore);
                states.Add(new HourState(source, hour, count, entry, hours.GapWithin(hour), state, [.. hours.GapsIn(hour)]));
            }
        }

        return states;
    }

    private static string Describe(HourCount? count, UploadLedgerEntry? entry, SourceHours hours, DateTimeOffset hour, DateTimeOffset closedBefore)
    {
        var kept = count?.Kept ?? 0;
        return entry switch
        {
            { PostCount: 0 } => kept == 0 ? Empty : Invariant($"recorded empty, {kept} posts since"),
            { } uploaded when uploaded.PostCount == kept => Invariant($"uploaded {uploaded.UploadedAt:yyyy-MM-dd HH:mm}{(uploaded.Purged ? ", purged" : string.Empty)}"),
            { Purged: true } uploaded => Invariant($"uploaded {uploaded.PostCount} and purged; {kept - uploaded.PostCount} later posts not uploaded"),
            { } uploaded => Invariant($"uploaded {uploaded.PostCount}, {kept - uploaded.PostCount} new since"),
            null when hour >= closedBefore => Open,
            null when kept > 0 => Waiting,
            null when hours.GapWithin(hour) > TimeSpan.Zero || hours.GapsIn(hour).Any() => NotConnected,
            null => hours.ConnectedThroughout(hour) ? Invariant($"{Empty}, not yet recorded") : NotRunning,
        };
    }

    private static IEnumerable<DateTimeOffset> GapHours(SourceGap gap)
    {
        for (var hour = LakeLayout.HourOf(gap.Start); hour <= gap.End; hour = hour.AddHours(1))
        {
            yield return hour;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
