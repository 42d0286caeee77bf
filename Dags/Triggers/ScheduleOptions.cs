using System.ComponentModel.DataAnnotations;
using Cronos;

namespace TrendingTv.Dags.Triggers;

/// <summary>
/// The daily timers' schedules: NCRONTAB expressions with seconds (<c>second minute hour day month weekday</c>,
/// UTC), read from the root settings <c>TweetEtlSchedule</c> and <c>TmdbEtlSchedule</c> — the same app settings
/// the Functions app's timers use, with the same recommended values as defaults here.
/// </summary>
public sealed class ScheduleOptions : IValidatableObject
{
    /// <summary>01:30 UTC: a tweet day also reads the next day's first hour, uploaded after 01:00.</summary>
    public const string DefaultTweetSchedule = "0 30 1 * * *";

    /// <summary>00:30 UTC: the previous day's TMDB snapshot is complete at midnight.</summary>
    public const string DefaultTmdbSchedule = "0 30 0 * * *";

    public string TweetEtlSchedule { get; set; } = DefaultTweetSchedule;

    public string TmdbEtlSchedule { get; set; } = DefaultTmdbSchedule;

    /// <summary>Parses an NCRONTAB expression with seconds; a <see cref="FormatException"/> names the bad text.</summary>
    public static CronExpression Parse(string name, string expression)
    {
        try
        {
            return CronExpression.Parse(expression?.Trim() ?? string.Empty, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"{name} '{expression}' is not an NCRONTAB expression with seconds (e.g. '{DefaultTweetSchedule}'): {e.Message}", e);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, expression) in new[] { (nameof(TweetEtlSchedule), TweetEtlSchedule), (nameof(TmdbEtlSchedule), TmdbEtlSchedule) })
        {
            string? problem = null;
            try
            {
                Parse(name, expression);
            }
            catch (FormatException e)
            {
                problem = e.Message;
            }

            if (problem is not null)
            {
                yield return new ValidationResult(problem, [name]);
            }
        }
    }
}
