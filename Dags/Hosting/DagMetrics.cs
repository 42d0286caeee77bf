using System.Diagnostics;
using System.Diagnostics.Metrics;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// The DAG's instruments on the meter <c>TrendingTv.Dags</c> (see docs/metrics.md): finished runs by
/// dataset and state, and their durations from creation to the last update, in seconds.
/// </summary>
public sealed class DagMetrics : IDisposable
{
    public const string MeterName = "TrendingTv.Dags";
    public const string RunsName = "trendingtv.dag.runs";
    public const string RunDurationName = "trendingtv.dag.run.duration";

    private readonly Meter _meter;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (or a meter of its own when null).</summary>
    public DagMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _runs = _meter.CreateCounter<long>(RunsName, unit: "{run}", description: "DAG runs that finished, by dataset and state (succeeded, failed, terminated).");
        _duration = _meter.CreateHistogram<double>(RunDurationName, unit: "s", description: "Duration of finished DAG runs, from creation to the last update.");
    }

    /// <summary>Records one finished run; runs not finished (pending, running, not started) are ignored.</summary>
    public void RecordFinished(DagRunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var state = run.State switch
        {
            DagRunState.Succeeded => "succeeded",
            DagRunState.Failed => "failed",
            DagRunState.Terminated => "terminated",
            _ => null,
        };
        if (state is null)
        {
            return;
        }

        var tags = new TagList { { "dataset", run.Dataset.Name() }, { "state", state } };
        _runs.Add(1, tags);
        if (run.Elapsed is { } elapsed && elapsed >= TimeSpan.Zero)
        {
            _duration.Record(elapsed.TotalSeconds, tags);
        }
    }

    public void Dispose() => _meter.Dispose();
}
