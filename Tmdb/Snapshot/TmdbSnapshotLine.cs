using System.Globalization;
using System.Text;

namespace TrendingTv.Tmdb.Snapshot;

/// <summary>
/// Builds one line of a snapshot file from a TMDB response body: the object's bytes as received,
/// with <c>"query_datetime":"YYYY-MM-DD HH:MM:SS"</c> (UTC) inserted before its final '}' — never
/// re-serialised, so numbers, escapes, key order and non-ASCII text stay exactly as TMDB sent them.
/// The one exception: a body with line breaks (pretty-printed JSON) has its whitespace outside
/// strings removed, because a line must hold one whole object; every token stays byte-identical.
/// </summary>
public static class TmdbSnapshotLine
{
    /// <summary>The property added to each object.</summary>
    public const string QueryDateTimeProperty = "query_datetime";

    /// <summary>The format of <see cref="QueryDateTimeProperty"/>'s value.</summary>
    public const string QueryDateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Formats an instant as <see cref="QueryDateTimeFormat"/> in UTC.</summary>
    public static string FormatQueryDateTime(DateTimeOffset queryTime) =>
        queryTime.UtcDateTime.ToString(QueryDateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// The line for <paramref name="json"/> (one JSON object), without the trailing '\n'.
    /// </summary>
    /// <exception cref="FormatException">The body is not a single JSON object (outer braces).</exception>
    public static byte[] Build(ReadOnlySpan<byte> json, DateTimeOffset queryTime)
    {
        if (json.StartsWith("\xEF\xBB\xBF"u8))
        {
            json = json[3..];
        }

        byte[]? compacted = null;
        if (json.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            compacted = RemoveWhitespaceOutsideStrings(json);
            json = compacted;
        }

        json = json.Trim(" \t\r\n"u8);
        if (json.Length < 2 || json[0] != (byte)'{' || json[^1] != (byte)'}')
        {
            throw new FormatException($"A snapshot line must be one JSON object; this body starts with '{Describe(json, 0)}' and ends with '{Describe(json, json.Length - 1)}'.");
        }

        var body = json[..^1];
        var isEmptyObject = body[1..].Trim(" \t"u8).IsEmpty;
        var suffix = Encoding.UTF8.GetBytes(
            $"{(isEmptyObject ? string.Empty : ",")}\"{QueryDateTimeProperty}\":\"{FormatQueryDateTime(queryTime)}\"}}");
        var line = new byte[body.Length + suffix.Length];
        body.CopyTo(line);
        suffix.CopyTo(line.AsSpan(body.Length));
        return line;
    }

    /// <summary>Drops JSON's insignificant whitespace (space, tab, CR, LF outside strings).</summary>
    public static byte[] RemoveWhitespaceOutsideStrings(ReadOnlySpan<byte> json)
    {
        var result = new byte[json.Length];
        var length = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in json)
        {
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }

            result[length++] = b;
        }

        return result[..length];
    }

    private static string Describe(ReadOnlySpan<byte> json, int index) =>
        index < 0 || index >= json.Length ? "(nothing)" : ((char)json[index]).ToString();
}
