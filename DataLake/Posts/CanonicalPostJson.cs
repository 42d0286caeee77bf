using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// The canonical JSON line format of <see cref="CanonicalPost"/>, shared by writers and readers:
/// <c>{"id":..,"created_at":"2020-11-23T18:04:05Z","date":"2020-11-23","lang":..,"text":..,"text_key":..,"hashtags":[..],"format":"v1","source":"x","version":1}</c>,
/// with <c>"uri"</c> after <c>"source"</c> when the post has one. Readers with an explicit schema use: id BIGINT,
/// created_at TIMESTAMP, date DATE, lang VARCHAR, text VARCHAR, text_key VARCHAR, hashtags VARCHAR[], format VARCHAR,
/// source VARCHAR, uri VARCHAR, version INTEGER. Records written before <c>source</c> and <c>version</c> existed read
/// as source <c>x</c>, version 0.
/// </summary>
public static class CanonicalPostJson
{
    /// <summary>
    /// Writer options for canonical files: compact, and text kept readable (only what JSON requires is escaped,
    /// plus characters outside the basic multilingual plane, which the encoder writes as \u escapes).
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one post as a JSON object (no newline). <c>created_at</c> is written in UTC with whole seconds.</summary>
    public static void Write(Utf8JsonWriter writer, CanonicalPost post)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(post);
        Span<byte> buffer = stackalloc byte[20];
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, post.Id);
        writer.WriteString("created_at"u8, FormatTimestamp(post.CreatedAt, buffer));
        writer.WriteString("date"u8, FormatDate(post.Date, buffer));
        if (post.Lang is null)
        {
            writer.WriteNull("lang"u8);
        }
        else
        {
            writer.WriteString("lang"u8, post.Lang);
        }

        writer.WriteString("text"u8, post.Text);
        writer.WriteString("text_key"u8, post.TextKey);
        writer.WriteStartArray("hashtags"u8);
        foreach (var hashtag in post.Hashtags)
        {
            writer.WriteStringValue(hashtag);
        }

        writer.WriteEndArray();
        writer.WriteString("format"u8, post.Format);
        writer.WriteString("source"u8, post.Source);
        if (post.Uri is not null)
        {
            writer.WriteString("uri"u8, post.Uri);
        }

        writer.WriteNumber("version"u8, post.Version);
        writer.WriteEndObject();
    }

    /// <summary>One post as a canonical JSON line, without the newline.</summary>
    public static string Serialize(CanonicalPost post)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, post);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses one canonical JSON line; unknown properties are ignored.</summary>
    /// <exception cref="FormatException">The line is not a canonical record; the message names the field.</exception>
    public static CanonicalPost Parse(ReadOnlySpan<byte> utf8Line)
    {
        try
        {
            return ParseCore(utf8Line);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Canonical post line is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"Canonical post line has a value of the wrong type: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a canonical JSON lines stream (blank lines ignored).</summary>
    /// <exception cref="FormatException">A line is not a canonical record; the message names the line number.</exception>
    public static async IAsyncEnumerable<CanonicalPost> ReadAllAsync(Stream canonicalLines, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canonicalLines);
        using var reader = new StreamReader(canonicalLines, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var number = 0L;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            CanonicalPost post;
            try
            {
                post = Parse(System.Text.Encoding.UTF8.GetBytes(line));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"Canonical post line {number}: {ex.Message}", ex);
            }

            yield return post;
        }
    }

    // Long on purpose: one switch over the record's top-level names in a single forward pass of the reader, a few
    // lines a field; splitting it would pass the reader by reference through a call per field on the jobs' read path.
    private static CanonicalPost ParseCore(ReadOnlySpan<byte> utf8Line)
    {
        var r = new Utf8JsonReader(utf8Line);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("Canonical post line is not a JSON object.");
        }

        long? id = null;
        DateTimeOffset? createdAt = null;
        DateOnly? date = null;
        string? lang = null, text = null, textKey = null, format = null, source = null, uri = null;
        var version = 0;
        List<string>? hashtags = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8))
            {
                r.Read();
                id = r.GetInt64();
            }
            else if (r.ValueTextEquals("created_at"u8))
            {
                r.Read();
                var value = r.GetString();
                if (value is null || !PostDates.TryParse(System.Text.Encoding.UTF8.GetBytes(value), out var parsed))
                {
                    throw new FormatException($"Canonical post line: 'created_at' \"{value}\" is not an ISO-8601 UTC timestamp.");
                }

                createdAt = parsed;
            }
            else if (r.ValueTextEquals("date"u8))
            {
                r.Read();
                var value = r.GetString();
                if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    throw new FormatException($"Canonical post line: 'date' \"{value}\" is not yyyy-MM-dd.");
                }

                date = parsed;
            }
            else if (r.ValueTextEquals("lang"u8))
            {
                r.Read();
                lang = r.GetString();
            }
            else if (r.ValueTextEquals("text"u8))
            {
                r.Read();
                text = r.GetString();
            }
            else if (r.ValueTextEquals("text_key"u8))
            {
                r.Read();
                textKey = r.GetString();
            }
            else if (r.ValueTextEquals("format"u8))
            {
                r.Read();
                format = r.GetString();
            }
            else if (r.ValueTextEquals("source"u8))
            {
                r.Read();
                source = r.GetString();
            }
            else if (r.ValueTextEquals("uri"u8))
            {
                r.Read();
                uri = r.GetString();
            }
            else if (r.ValueTextEquals("version"u8))
            {
                r.Read();
                version = r.GetInt32();
            }
            else if (r.ValueTextEquals("hashtags"u8))
            {
                r.Read();
                hashtags = ReadStrings(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        if (r.Read())
        {
            throw new FormatException("Canonical post line has more than one JSON value.");
        }

        return new CanonicalPost
        {
            Id = id ?? throw Missing("id"),
            CreatedAt = createdAt ?? throw Missing("created_at"),
            Date = date ?? throw Missing("date"),
            Lang = lang,
            Text = text ?? throw Missing("text"),
            TextKey = textKey ?? throw Missing("text_key"),
            Hashtags = hashtags ?? throw Missing("hashtags"),
            Format = format ?? throw Missing("format"),
            Source = source ?? PostSources.X,
            Uri = uri,
            Version = version,
        };
    }

    private static List<string>? ReadStrings(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw new FormatException("Canonical post line: 'hashtags' is not an array.");
        }

        var list = new List<string>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            list.Add(r.GetString() ?? throw new FormatException("Canonical post line: 'hashtags' holds a null."));
        }

        return list;
    }

    private static FormatException Missing(string field) => new($"Canonical post line is missing '{field}'.");

    private static ReadOnlySpan<byte> FormatTimestamp(DateTimeOffset value, Span<byte> buffer)
    {
        // yyyy-MM-ddTHH:mm:ssZ, in UTC, whole seconds.
        var utc = value.UtcDateTime;
        WriteDate(DateOnly.FromDateTime(utc), buffer);
        buffer[10] = (byte)'T';
        Write2(utc.Hour, buffer[11..]);
        buffer[13] = (byte)':';
        Write2(utc.Minute, buffer[14..]);
        buffer[16] = (byte)':';
        Write2(utc.Second, buffer[17..]);
        buffer[19] = (byte)'Z';
        return buffer[..20];
    }

    private static ReadOnlySpan<byte> FormatDate(DateOnly date, Span<byte> buffer)
    {
        WriteDate(date, buffer);
        return buffer[..10];
    }

    private static void WriteDate(DateOnly date, Span<byte> buffer)
    {
        var year = date.Year;
        buffer[0] = (byte)('0' + (year / 1000));
        buffer[1] = (byte)('0' + (year / 100 % 10));
        buffer[2] = (byte)('0' + (year / 10 % 10));
        buffer[3] = (byte)('0' + (year % 10));
        buffer[4] = (byte)'-';
        Write2(date.Month, buffer[5..]);
        buffer[7] = (byte)'-';
        Write2(date.Day, buffer[8..]);
    }

    private static void Write2(int value, Span<byte> buffer)
    {
        buffer[0] = (byte)('0' + (value / 10));
        buffer[1] = (byte)('0' + (value % 10));
    }
}
