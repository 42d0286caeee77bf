using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace TrendingTv.Cli.Reports;

/// <summary>
/// Escapes only what JSON requires: <c>"</c>, <c>\</c> and control characters below U+0020. The stock
/// encoders also escape <c>'</c>, <c>+</c>, <c>&lt;</c>, non-ASCII or emoji ("Grey\u0027s Anatomy"),
/// which is valid JSON but not what a reader of the report expects.
/// </summary>
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static MinimalJsonEncoder Instance { get; } = new();

    /// <summary>The longest escape: <c>\uXXXX</c> for each half of a surrogate pair.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\' || (unicodeScalar >= 0xD800 && unicodeScalar <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a well-formed pair is written as is
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var text = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            < 0x10000 => string.Create(CultureInfo.InvariantCulture, $"\\u{unicodeScalar:X4}"),
            _ => new Rune(unicodeScalar).ToString(),
        };
        if (text.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        text.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = text.Length;
        return true;
    }
}
