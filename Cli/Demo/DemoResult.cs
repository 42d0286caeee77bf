using TrendingTv.Cli.Reports;
using TrendingTv.Dags.Hosting;
using TrendingTv.Streamer.Capture;
using TrendingTv.Synthetic.Week;

namespace TrendingTv.Cli.Demo;

/// <summary>
/// What the demo did: the generated week, the capture totals (X replayed; Bluesky streamed, null when the week had
/// none), the hours and posts uploaded per source, the DAG runs and the report.
/// </summary>
public sealed record DemoResult(
    SyntheticWeekFiles Week,
    CaptureSummary Capture,
    CaptureSummary? BlueskyCapture,
    int HoursUploaded,
    IReadOnlyDictionary<string, long> PostsUploadedBySource,
    IReadOnlyList<DagRunResult> Runs,
    TrendingReport Report,
    IReadOnlyList<DemoStageTiming> Timings)
{
    /// <summary>Posts uploaded, every source.</summary>
    public long PostsUploaded => PostsUploadedBySource.Values.Sum();
}
