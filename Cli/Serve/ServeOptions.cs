using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Cli.Serve;

/// <summary>Configuration section <c>Serve</c> of <c>trendingtv serve</c>. Env: <c>Serve__Urls</c>, <c>Serve__ApiKey</c> …</summary>
public sealed class ServeOptions : IValidatableObject
{
    public const string SectionName = "Serve";

    /// <summary>Where the HTTP endpoints listen (semicolon-separated URLs). Loopback by default: put a reverse proxy in front to expose it.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// The key the <c>/api/</c> and <c>/runtime/</c> endpoints require (header <c>x-functions-key</c> or query
    /// parameter <c>code</c>, as Functions keys are). A secret: never logged. Empty: a key is generated once
    /// into the state folder's <c>api-key</c> file (readable by its owner only).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Days the served report covers, ending on the latest date with processed data.</summary>
    [Range(1, 366)]
    public int ReportDays { get; set; } = 30;

    /// <summary>Shows per ranking in the served report.</summary>
    [Range(1, 200)]
    public int ReportTop { get; set; } = 25;

    /// <summary>How often the backend is asked which runs finished (for metrics and the report's refresh).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:05:00")]
    public TimeSpan RunPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ApiKey) && ApiKey.Trim().Length < ServeApiKey.MinimumLength)
        {
            yield return new ValidationResult($"The API key must have at least {ServeApiKey.MinimumLength} characters (its value is not shown).", [nameof(ApiKey)]);
        }

        foreach (var url in (Urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"'{url}' is not an http:// or https:// URL.", [nameof(Urls)]);
            }
        }
    }
}
