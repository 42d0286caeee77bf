namespace TrendingTv.Synthetic.Week;

/// <summary>
/// What <see cref="SyntheticWeekGenerator.WriteAsync"/> wrote: one JSON-lines replay file of raw X payloads
/// per day (<c>posts/YYYY-MM-DD.jsonl</c>), one TMDB snapshot per day (<c>tmdb_raw/YYYY-MM-DD.json</c>),
/// the week's Bluesky Jetstream events in one file (<c>bluesky/jetstream.jsonl</c>, null when the week has no
/// Bluesky share), and the injected spikes.
/// </summary>
public sealed record SyntheticWeekFiles(
    IReadOnlyList<string> PostFiles,
    IReadOnlyDictionary<DateOnly, string> TmdbFiles,
    IReadOnlyList<InjectedSpike> Spikes,
    long PostLines,
    string? BlueskyEvents = null,
    long BlueskyEventLines = 0);
