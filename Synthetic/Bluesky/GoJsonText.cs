using System.Globalization;
using System.Text;

namespace TrendingTv.Synthetic.Bluesky;

/// <summary>
/// Writes JSON strings the way Jetstream's Go encoder does: UTF-8 as is, but <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>
/// escaped as <c>\u003c</c>, <c>\u003e</c> and <c>\u0026</c> (Go's HTML-safe default), as are U+2028 and U+2029.
/// </summary>
internal static class GoJsonText
{
    public static StringBuilder AppendString(this StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                case < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        return json.Append('"');
    }

    /// <summary><c>"name":</c></summary>
    public static StringBuilder AppendName(this StringBuilder json, string name) => json.Append('"').Append(name).Append("\":");

    public static StringBuilder AppendNumber(this StringBuilder json, long value) => json.Append(value.ToString(CultureInfo.InvariantCulture));
}
