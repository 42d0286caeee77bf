using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrendingTv.Synthetic;

/// <summary>
/// JSON with text outside ASCII written as UTF-8 (’, é, Arabic, Japanese) where System.Text.Json
/// would write \uXXXX, as X's v2 stream sends it. Characters beyond the BMP (emoji) System.Text.Json
/// always writes as \u surrogate pairs, as X's v1.1 stream did.
/// </summary>
internal static class SyntheticJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
