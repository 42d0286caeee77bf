using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Activities.Engines;

/// <summary>Configuration section <c>Engine</c>: which engine runs the ETL jobs and its settings (only the chosen engine's are validated).</summary>
public sealed class EngineOptions : IValidatableObject
{
    public const string SectionName = "Engine";

    /// <summary><c>local</c> or <c>emr</c>. Env: <c>Engine__Kind</c>.</summary>
    [Required]
    public string Kind { get; set; } = EngineKind.Local;

    /// <summary>
    /// How long a failed run's staging folder (<c>jobs/{runId}/</c>) is kept for inspection when the date
    /// is not re-run; each publish removes older ones. Longer than the DAG's longest deadline (7 days), so
    /// a run in progress never loses its staged outputs. Env: <c>Engine__StagingRetention</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "8.00:00:00", "365.00:00:00")]
    public TimeSpan StagingRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Section <c>Engine:Local</c>.</summary>
    public LocalEngineOptions Local { get; set; } = new();

    /// <summary>Section <c>Engine:Emr</c>.</summary>
    public EmrEngineOptions Emr { get; set; } = new();

    /// <summary>The kind, trimmed and lower-cased.</summary>
    public string NormalizedKind => (Kind ?? string.Empty).Trim().ToLowerInvariant();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        object? section = NormalizedKind switch
        {
            EngineKind.Local => Local,
            EngineKind.Emr => Emr,
            _ => null,
        };
        if (section is null)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Kind)} '{Kind}' is not an engine; expected '{EngineKind.Local}' or '{EngineKind.Emr}'.", [nameof(Kind)]);
            yield break;
        }

        // DataAnnotations does not descend into nested objects: validate the chosen engine's section here.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        var prefix = $"{SectionName}:{(section == Local ? nameof(Local) : nameof(Emr))}";
        foreach (var result in results)
        {
            var members = result.MemberNames.ToArray();
            var name = members.Length > 0 ? $"{prefix}:{members[0]}" : prefix;
            var message = result.ErrorMessage ?? "invalid";
            yield return new ValidationResult(message.StartsWith(prefix, StringComparison.Ordinal) ? message : $"{name}: {message}", members);
        }
    }
}
