using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Upload;

/// <summary>
/// Where one source's hour stands (for <c>streamer status</c>): its counts, its ledger entry, how long it was in a
/// gap, and a word for it: <see cref="HourStates"/>.
/// </summary>
public sealed record HourState(string Source, DateTimeOffset Hour, HourCount? Counts, UploadLedgerEntry? Ledger, TimeSpan Gap, string State, IReadOnlyList<SourceGap> Gaps);
