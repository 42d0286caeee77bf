using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Models;

/// <summary>
/// Input of <see cref="Orchestrations.BackfillOrchestrator"/>: every date from <paramref name="From"/> to
/// <paramref name="To"/> (inclusive) for each dataset, at most <paramref name="Concurrency"/> runs at once,
/// <paramref name="RunsPerGeneration"/> runs before continuing as new; <paramref name="Progress"/> is carried over.
/// </summary>
public sealed record BackfillInput(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<Dataset> Datasets,
    int Concurrency,
    int RunsPerGeneration,
    DagSettings Settings,
    BackfillProgress? Progress = null);
