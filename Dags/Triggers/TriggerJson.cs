using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrendingTv.Dags.Triggers;

/// <summary>How the triggers' JSON responses are written (camelCase, indented, nulls left out, enums as camelCase strings).</summary>
public static class TriggerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Only what JSON requires is escaped ("Grey's Anatomy", not "Grey\u0027s Anatomy"); responses are JSON, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
