using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrendingTv.Cli.Reports;

/// <summary>Writes a <see cref="TrendingReport"/> as indented JSON (camelCase, dates yyyy-MM-dd, only what JSON requires escaped).</summary>
public static class JsonReportWriter
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = MinimalJsonEncoder.Instance,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(TrendingReport report, Stream output, CancellationToken cancellationToken = default) =>
        await JsonSerializer.SerializeAsync(output, report, Options, cancellationToken);

    public static string ToJson(TrendingReport report) => JsonSerializer.Serialize(report, Options);
}
