using System.Buffers.Text;
using System.Text;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// Parses post timestamps: v1.1's <c>ddd MMM dd HH:mm:ss +0000 yyyy</c> and v2's ISO-8601
/// (<c>2021-04-01T15:52:31.000Z</c>), to UTC truncated to whole seconds, as the canonical record keeps them.
/// </summary>
internal static class PostDates
{
    /// <summary>Parses either form; false when <paramref name="utf8"/> is neither.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset utc)
    {
        if (utf8.Length == 30 && utf8[3] == (byte)' ')
        {
            return TryParseTwitter(utf8, out utc);
        }

        return TryParseIso(utf8, out utc);
    }

    /// <summary>Truncates to whole seconds in UTC.</summary>
    public static DateTimeOffset ToWholeSecondsUtc(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>Describes a rejected value for a quarantine reason (short, printable).</summary>
    public static string Describe(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8.Length > 40 ? utf8[..40] : utf8);
        return utf8.Length > 40 ? text + "…" : text;
    }

    // "Tue Feb 09 22:48:55 +0000 2021"
    //  0123456789012345678901234567890
    private static bool TryParseTwitter(ReadOnlySpan<byte> s, out DateTimeOffset utc)
    {
        utc = default;
        if (s[7] != ' ' || s[10] != ' ' || s[13] != ':' || s[16] != ':' || s[19] != ' ' || s[25] != ' ' || !IsLetters(s[..3]))
        {
            return false;
        }

        var month = Month(s.Slice(4, 3));
        if (month == 0
            || !TryDigits(s.Slice(8, 2), out var day)
            || !TryDigits(s.Slice(11, 2), out var hour)
            || !TryDigits(s.Slice(14, 2), out var minute)
            || !TryDigits(s.Slice(17, 2), out var second)
            || !TryDigits(s.Slice(21, 2), out var offsetHours)
            || !TryDigits(s.Slice(23, 2), out var offsetMinutes)
            || !TryDigits(s.Slice(26, 4), out var year))
        {
            return false;
        }

        var sign = s[20] switch
        {
            (byte)'+' => 1,
            (byte)'-' => -1,
            _ => 0,
        };
        if (sign == 0 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59
            || offsetHours > 14 || offsetMinutes > 59)
        {
            return false;
        }

        var offset = new TimeSpan(sign * offsetHours, sign * offsetMinutes, 0);
        utc = new DateTimeOffset(year, month, day, hour, minute, second, offset).ToUniversalTime();
        return true;
    }

    private static bool TryParseIso(ReadOnlySpan<byte> s, out DateTimeOffset utc)
    {
        utc = default;

        // Only instants: a value without 'Z' or an offset would be read in the machine's time zone.
        var hasOffset = s.Length > 19 && (s[^1] == (byte)'Z' || ((s[^6] == (byte)'+' || s[^6] == (byte)'-') && s[^3] == (byte)':'));
        if (!hasOffset)
        {
            return false;
        }

        // Utf8Parser's 'O' format needs 7 fraction digits, so reuse the reader's ISO-8601 parser via a tiny JSON string.
        Span<byte> quoted = stackalloc byte[64];
        if (s.Length > quoted.Length - 2)
        {
            return false;
        }

        quoted[0] = (byte)'"';
        s.CopyTo(quoted[1..]);
        quoted[s.Length + 1] = (byte)'"';
        var reader = new System.Text.Json.Utf8JsonReader(quoted[..(s.Length + 2)]);
        if (!reader.Read() || !reader.TryGetDateTimeOffset(out var value))
        {
            return false;
        }

        utc = ToWholeSecondsUtc(value);
        return true;
    }

    private static bool IsLetters(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if ((uint)((b | 0x20) - 'a') > 'z' - 'a')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value) =>
        Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length && s[0] != (byte)'-' && s[0] != (byte)'+';

    private static int Month(ReadOnlySpan<byte> s)
    {
        // Case-insensitive three-letter English month names, as X writes them ("Nov").
        var key = ((s[0] | 0x20) << 16) | ((s[1] | 0x20) << 8) | (s[2] | 0x20);
        return key switch
        {
            ('j' << 16) | ('a' << 8) | 'n' => 1,
            ('f' << 16) | ('e' << 8) | 'b' => 2,
            ('m' << 16) | ('a' << 8) | 'r' => 3,
            ('a' << 16) | ('p' << 8) | 'r' => 4,
            ('m' << 16) | ('a' << 8) | 'y' => 5,
            ('j' << 16) | ('u' << 8) | 'n' => 6,
            ('j' << 16) | ('u' << 8) | 'l' => 7,
            ('a' << 16) | ('u' << 8) | 'g' => 8,
            ('s' << 16) | ('e' << 8) | 'p' => 9,
            ('o' << 16) | ('c' << 8) | 't' => 10,
            ('n' << 16) | ('o' << 8) | 'v' => 11,
            ('d' << 16) | ('e' << 8) | 'c' => 12,
            _ => 0,
        };
    }
}
