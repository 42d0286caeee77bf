using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace TrendingTv.Streamer.Capture;

/// <summary>
/// Reads the two things capture needs from a raw payload without materialising it: the post id and
/// its creation time. Understands an X v2 stream envelope (<c>data.id</c>, <c>data.created_at</c>)
/// and a v1.1 status (<c>id_str</c> or <c>id</c>, <c>created_at</c> like
/// <c>Sat Mar 10 14:03:15 +0000 2018</c>). Other messages (v2 errors-only envelopes, v1.1
/// <c>delete</c>/<c>limit</c> notices) are not posts.
/// </summary>
public static class PostEnvelope
{
    private static ReadOnlySpan<byte> Data => "data"u8;

    private static ReadOnlySpan<byte> Id => "id"u8;

    private static ReadOnlySpan<byte> IdStr => "id_str"u8;

    private static ReadOnlySpan<byte> CreatedAt => "created_at"u8;

    /// <summary>Classifies <paramref name="payload"/>; for a post, returns its id and creation time (null when absent).</summary>
    /// <exception cref="JsonException">The payload is not one JSON object.</exception>
    public static PayloadKind Read(ReadOnlySpan<byte> payload, out long id, out DateTimeOffset? createdAt)
    {
        id = 0;
        createdAt = null;
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The payload is not a JSON object.");
        }

        long? v1Id = null;
        long? v1IdStr = null;
        DateTimeOffset? v1Created = null;
        var sawData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Data))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    sawData = true;
                    ReadV2Data(ref reader, out var dataId, out var dataCreated);
                    if (dataId is null)
                    {
                        throw new JsonException("The v2 envelope's data object has no id.");
                    }

                    id = dataId.Value;
                    createdAt = dataCreated;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals(IdStr))
            {
                reader.Read();
                v1IdStr = reader.TokenType == JsonTokenType.String ? ParseId(ref reader) : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals(Id))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
                {
                    v1Id = number;
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    v1Id = ParseId(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals(CreatedAt))
            {
                reader.Read();
                v1Created = reader.TokenType == JsonTokenType.String ? ParseTime(reader.GetString()!) : null;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (sawData)
        {
            return PayloadKind.Post;
        }

        if ((v1IdStr ?? v1Id) is { } v1 && v1Created is not null)
        {
            id = v1;
            createdAt = v1Created;
            return PayloadKind.Post;
        }

        return PayloadKind.NotAPost;
    }

    /// <summary>Parses an X timestamp: ISO-8601 (v2) or the v1.1 form <c>ddd MMM dd HH:mm:ss +0000 yyyy</c>.</summary>
    public static DateTimeOffset? ParseTime(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso) &&
            text.Length > 4 && char.IsDigit(text[0]))
        {
            return iso;
        }

        return DateTimeOffset.TryParseExact(text, "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var v1)
            ? v1.ToUniversalTime()
            : null;
    }

    private static void ReadV2Data(ref Utf8JsonReader reader, out long? id, out DateTimeOffset? createdAt)
    {
        id = null;
        createdAt = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals(Id))
            {
                reader.Read();
                id = reader.TokenType switch
                {
                    JsonTokenType.String => ParseId(ref reader),
                    JsonTokenType.Number when reader.TryGetInt64(out var n) => n,
                    _ => null,
                };
                reader.Skip();
            }
            else if (reader.ValueTextEquals(CreatedAt))
            {
                reader.Read();
                createdAt = reader.TokenType == JsonTokenType.String ? ParseTime(reader.GetString()!) : null;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static long? ParseId(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out long value, out var consumed) && consumed == reader.ValueSpan.Length
            ? value
            : long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
