using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Streamer.Hosting;

/// <summary>Configuration section <c>Metrics</c>: where <c>streamer run</c> serves its metrics as Prometheus text (<c>http://Host:Port/metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>The port; 0 turns the endpoint off. Env: <c>Metrics__Port</c>.</summary>
    [Range(0, 65535, ErrorMessage = "Metrics:Port must be between 0 (off) and 65535.")]
    public int Port { get; set; } = 9464;

    /// <summary>The address listened on: loopback unless set (e.g. <c>0.0.0.0</c> for a scraper on another machine). Env: <c>Metrics__Host</c>.</summary>
    [Required(ErrorMessage = "Metrics:Host must not be empty.")]
    public string Host { get; set; } = "127.0.0.1";
}
