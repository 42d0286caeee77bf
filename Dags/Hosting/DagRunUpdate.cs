using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Hosting;

/// <summary>A change seen in one run of a range: its state and step, and how many runs of the range have finished.</summary>
public sealed record DagRunUpdate(
    string RunId,
    Dataset Dataset,
    DateOnly Date,
    DagRunState State,
    string? Step,
    string? JobId,
    string? LastState,
    string? FailureMessage,
    int Finished,
    int Total);
