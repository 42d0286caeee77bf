using System.Globalization;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Commands;

/// <summary>How the commands word their results.</summary>
internal static class CommandText
{
    public static string Describe(CaptureSummary summary) =>
        Invariant($"Committed {summary.Inserted} new posts ({summary.Duplicates} duplicates, {summary.OverCap} over the hourly cap) in {summary.Batches} batches, {summary.PayloadBytes / 1e6:0.0} MB in {summary.Elapsed.TotalSeconds:0.0} s.");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
