using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Streamer.Sources.X;

/// <summary>Configuration section <c>X</c>: the X API v2 filtered stream. The bearer token is a secret: never logged.</summary>
public sealed class XOptions
{
    public const string SectionName = "X";

    /// <summary>App-only bearer token. Env: <c>X__BearerToken</c>.</summary>
    [Required(ErrorMessage = "X:BearerToken is not set: set the environment variable X__BearerToken (or X:BearerToken in appsettings.json) to the app's bearer token.")]
    public string BearerToken { get; set; } = string.Empty;

    /// <summary>API base address. Env: <c>X__BaseUrl</c>.</summary>
    [Required]
    [Url(ErrorMessage = "X:BaseUrl must be an absolute http(s) URL.")]
    public string BaseUrl { get; set; } = "https://api.x.com";

    /// <summary>Longest rule the access tier accepts (pay-per-use and Pro: 1,024; Basic: 512).</summary>
    [Range(64, 4096, ErrorMessage = "X:MaxRuleLength must be between 64 and 4096.")]
    public int MaxRuleLength { get; set; } = 1024;

    /// <summary>Most rules the access tier accepts (pay-per-use: 1,000).</summary>
    [Range(1, 100_000, ErrorMessage = "X:MaxRules must be between 1 and 100000.")]
    public int MaxRules { get; set; } = 1000;

    /// <summary>No byte (not even a keep-alive, sent every 20 s) for this long means the connection stalled: reconnect.</summary>
    [Range(typeof(TimeSpan), "00:00:21", "00:10:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "X:StallTimeout must be between 00:00:21 (X sends a keep-alive every 20 s) and 00:10:00.")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of a rules request (the stream itself has none; it has the stall timeout).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "X:RequestTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The catalogue whose shows become rules: a CSV path, or empty for the default catalogue.</summary>
    public string? CataloguePath { get; set; }
}
