using TrendingTv.Cli.Reports;
using TrendingTv.Dags.Hosting;
using TrendingTv.Streamer.Capture;
using TrendingTv.Synthetic.Week;

namespace TrendingTv.Cli.Demo;

/// <summary>What the demo did: the generated week, the capture and upload totals, the DAG runs and the report.</summary>
public sealed record DemoResult(
    SyntheticWeekFiles Week,
    CaptureSummary Capture,
    int HoursUploaded,
    long PostsUploaded,
    IReadOnlyList<DagRunResult> Runs,
    TrendingReport Report,
    IReadOnlyList<DemoStageTiming> Timings);
