using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Models;

/// <summary>
/// Input of <see cref="Orchestrations.EtlDagOrchestrator"/>: one dataset, one UTC date, the settings, and
/// (from the second generation on) the state of the sensor that the previous generation handed over.
/// </summary>
public sealed record DagRunInput(Dataset Dataset, DateOnly Date, DagSettings Settings, SensorState? Sensor = null);
