using System.ComponentModel.DataAnnotations;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>Configuration section <c>Rebuild</c> of <see cref="CanonicalRebuilder"/>.</summary>
public sealed class RebuildOptions
{
    public const string SectionName = "Rebuild";

    /// <summary>
    /// Where a canonical hour is staged before it is uploaded (one file at a time, the size of the hour's canonical
    /// file). Empty: <c>trendingtv-rebuild</c> under the system's temporary folder. Env: <c>Rebuild__WorkDirectory</c>.
    /// </summary>
    [MaxLength(4096)]
    public string? WorkDirectory { get; set; }

    /// <summary>The staging folder in force.</summary>
    public string WorkRoot => string.IsNullOrWhiteSpace(WorkDirectory) ? Path.Combine(Path.GetTempPath(), "trendingtv-rebuild") : WorkDirectory;
}
