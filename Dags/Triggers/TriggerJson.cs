using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrendingTv.Dags.Triggers;

/// <summary>How the triggers' JSON responses are written (camelCase, indented, nulls left out, enums as camelCase strings).</summary>
public static class TriggerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
