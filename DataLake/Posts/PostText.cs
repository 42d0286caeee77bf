using System.Buffers;
using System.Text;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// Decodes a raw JSON string value to a .NET string in one pass: JSON escapes, UTF-8, and optionally the three
/// HTML entities X escapes in post text (<c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c>).
/// Lenient by design: invalid UTF-8 and lone surrogates become U+FFFD instead of losing the post.
/// </summary>
internal static class PostText
{
    private const int StackChars = 512;

    public static string Decode(ReadOnlySpan<byte> raw, bool escaped, bool htmlUnescape)
    {
        if (raw.IsEmpty)
        {
            return string.Empty;
        }

        // A UTF-8 byte, or an escape sequence, never yields more chars than its bytes.
        char[]? rented = null;
        var buffer = raw.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var length = escaped ? Unescape(raw, buffer) : Encoding.UTF8.GetChars(raw, buffer);
            if (htmlUnescape)
            {
                length = UnescapeHtml(buffer[..length]);
            }

            return new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Replaces <c>&amp;amp;</c>, <c>&amp;lt;</c> and <c>&amp;gt;</c> in place, in one left-to-right pass; returns the new length.</summary>
    public static int UnescapeHtml(Span<char> text)
    {
        var first = text.IndexOf('&');
        if (first < 0)
        {
            return text.Length;
        }

        var write = first;
        var read = first;
        while (read < text.Length)
        {
            var c = text[read];
            if (c == '&')
            {
                var rest = text[(read + 1)..];
                if (rest.StartsWith("amp;"))
                {
                    text[write++] = '&';
                    read += 5;
                    continue;
                }

                if (rest.StartsWith("lt;"))
                {
                    text[write++] = '<';
                    read += 4;
                    continue;
                }

                if (rest.StartsWith("gt;"))
                {
                    text[write++] = '>';
                    read += 4;
                    continue;
                }
            }

            text[write++] = c;
            read++;
        }

        return write;
    }

    // Long on purpose: the JSON string escapes (\n, \uXXXX with surrogate pairs, ...) in one loop over the bytes,
    // on the normaliser's hot path; each case is a few lines and reads against the JSON grammar.
    private static int Unescape(ReadOnlySpan<byte> raw, Span<char> destination)
    {
        var written = 0;
        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            var plain = backslash < 0 ? raw : raw[..backslash];
            if (!plain.IsEmpty)
            {
                written += Encoding.UTF8.GetChars(plain, destination[written..]);
            }

            if (backslash < 0 || backslash + 1 >= raw.Length)
            {
                break;
            }

            raw = raw[(backslash + 1)..];
            var escape = raw[0];
            raw = raw[1..];
            switch (escape)
            {
                case (byte)'n': destination[written++] = '\n'; break;
                case (byte)'t': destination[written++] = '\t'; break;
                case (byte)'r': destination[written++] = '\r'; break;
                case (byte)'b': destination[written++] = '\b'; break;
                case (byte)'f': destination[written++] = '\f'; break;
                case (byte)'u':
                    if (!TryHex4(raw, out var unit))
                    {
                        destination[written++] = '\uFFFD';
                        break;
                    }

                    raw = raw[4..];
                    if (char.IsHighSurrogate(unit) && raw.Length >= 6 && raw[0] == (byte)'\\' && raw[1] == (byte)'u'
                        && TryHex4(raw[2..], out var low) && char.IsLowSurrogate(low))
                    {
                        destination[written++] = unit;
                        destination[written++] = low;
                        raw = raw[6..];
                    }
                    else
                    {
                        // A lone surrogate (X cuts text mid-emoji; Python's json writes it as is) is not a character.
                        destination[written++] = char.IsSurrogate(unit) ? '\uFFFD' : unit;
                    }

                    break;
                default:
                    // '"', '\\', '/' (the reader has already rejected any other escape).
                    destination[written++] = (char)escape;
                    break;
            }
        }

        return written;
    }

    private static bool TryHex4(ReadOnlySpan<byte> s, out char value)
    {
        value = '\0';
        if (s.Length < 4)
        {
            return false;
        }

        var result = 0;
        for (var i = 0; i < 4; i++)
        {
            var digit = HexDigit(s[i]);
            if (digit < 0)
            {
                return false;
            }

            result = (result << 4) | digit;
        }

        value = (char)result;
        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
