using TrendingTv.Activities.Engines;

namespace TrendingTv.Dags.Hosting;

/// <summary>One line of the <see cref="LocalJobJournal"/>: a job submitted (with its run, attempt and the lost job it resumes) or ended.</summary>
public sealed record JournalEntry(
    string Event,
    string JobId,
    string RunId,
    int? Attempt,
    string? Dataset,
    string? Date,
    string? Resumes,
    EtlJobState? State,
    string? Reason,
    DateTimeOffset At)
{
    public const string SubmittedEvent = "submitted";
    public const string EndedEvent = "ended";
}
