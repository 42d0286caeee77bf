using System.ComponentModel.DataAnnotations;
using TrendingTv.Dags.Models;

namespace TrendingTv.Dags.Options;

/// <summary>
/// Configuration section <c>Dags</c>: how the DAG polls its job, when it gives up, how activities are
/// retried and how many runs a backfill keeps in flight. Env: <c>Dags__PollInterval</c> and so on.
/// </summary>
public sealed class DagOptions : IValidatableObject
{
    public const string SectionName = "Dags";

    /// <summary>Durable timer between two polls of the job's state.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a job may run after its submission before it is terminated and the run fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Polls per orchestration generation; the sensor continues as new after that many, keeping the history short.</summary>
    [Range(1, 10_000)]
    public int MaxPollsPerGeneration { get; set; } = 100;

    /// <summary>Daily runs a backfill keeps in flight (the original's <c>max_active_runs</c>).</summary>
    [Range(1, 64)]
    public int BackfillConcurrency { get; set; } = 4;

    /// <summary>Runs a backfill orchestration handles before it continues as new (bounds its history).</summary>
    [Range(1, 1_000)]
    public int BackfillRunsPerGeneration { get; set; } = 100;

    /// <summary>Attempts of an activity, the first included (1 = no retry).</summary>
    [Range(1, 20)]
    public int ActivityMaxAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry of a failed activity.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ActivityFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Factor applied to the wait after each further failure.</summary>
    [Range(1.0, 10.0)]
    public double ActivityBackoffCoefficient { get; set; } = 2.0;

    /// <summary>Longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ActivityMaxRetryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The settings one DAG run carries in its input (so that a replay sees the values it started with).</summary>
    public DagSettings ToSettings() => new(
        PollInterval,
        Deadline,
        MaxPollsPerGeneration,
        new ActivityRetrySettings(ActivityMaxAttempts, ActivityFirstRetryInterval, ActivityBackoffCoefficient, ActivityMaxRetryInterval));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ActivityMaxRetryInterval < ActivityFirstRetryInterval)
        {
            yield return new ValidationResult(
                $"{nameof(ActivityMaxRetryInterval)} ({ActivityMaxRetryInterval}) is shorter than {nameof(ActivityFirstRetryInterval)} ({ActivityFirstRetryInterval}).",
                [nameof(ActivityMaxRetryInterval)]);
        }
    }

    /// <summary>Validates the data annotations; an <see cref="ArgumentException"/> names every bad setting.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            var problems = results.Select(r => $"{SectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
            throw new ArgumentException($"Invalid DAG options: {string.Join("; ", problems)}");
        }
    }
}
