using System.ComponentModel.DataAnnotations;
using Cronos;

namespace TrendingTv.Streamer.Hosting;

/// <summary>Configuration section <c>Schedules</c>: the cron schedules (UTC, five fields) of <c>streamer run</c>.</summary>
public sealed class ScheduleOptions : IValidatableObject
{
    public const string SectionName = "Schedules";

    /// <summary>The hourly upload (default: 5 minutes past each hour). Env: <c>Schedules__Upload</c>.</summary>
    public string Upload { get; set; } = "5 * * * *";

    /// <summary>The daily TMDB snapshot (default: 00:30 UTC). Env: <c>Schedules__TmdbSnapshot</c>.</summary>
    public string TmdbSnapshot { get; set; } = "30 0 * * *";

    /// <summary>Whether <c>streamer run</c> takes the daily TMDB snapshot (needs the <c>Tmdb</c> settings).</summary>
    public bool TmdbEnabled { get; set; } = true;

    /// <summary>Whether <c>streamer run</c> captures from X (needs <c>X__BearerToken</c>). Env: <c>Schedules__CaptureEnabled</c>.</summary>
    public bool CaptureEnabled { get; set; } = true;

    /// <summary>Whether <c>streamer run</c> captures from Bluesky's Jetstream (no credentials). Env: <c>Schedules__BlueskyEnabled</c>.</summary>
    public bool BlueskyEnabled { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(Upload), Upload), (nameof(TmdbSnapshot), TmdbSnapshot) })
        {
            string? error = null;
            try
            {
                CronExpression.Parse(value);
            }
            catch (CronFormatException e)
            {
                error = e.Message;
            }
            catch (ArgumentNullException)
            {
                error = "it is empty";
            }

            if (error is not null)
            {
                yield return new ValidationResult($"{SectionName}:{name} '{value}' is not a cron expression: {error}", [name]);
            }
        }
    }
}
