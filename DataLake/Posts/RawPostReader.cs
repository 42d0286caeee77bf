using System.Text.Json;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// The one reader of raw X payloads (a v1.1 status or a v2 filtered-stream envelope, one JSON document): whether it
/// is a post, and a post's id, creation time and format; the normaliser reads its text, hashtags and language through
/// the same pass. Capture calls <see cref="Read(ReadOnlySpan{byte})"/>; it never throws on bad input.
/// </summary>
/// <remarks>
/// One forward pass of a <see cref="Utf8JsonReader"/> (<see cref="RawPostParser"/>) notes where each candidate field
/// lies and skips everything else; which candidate gives the text is <see cref="TextChoice"/>'s decision. A post
/// needs an id, a creation time and a text: capture and the normaliser therefore agree on what is a post.
/// </remarks>
public static class RawPostReader
{
    /// <summary>The start of the reason given for a payload that is not valid JSON.</summary>
    public const string InvalidJsonPrefix = "invalid JSON: ";

    /// <summary>Classifies one raw payload (UTF-8 JSON; a byte order mark, surrounding whitespace and a CR are ignored).</summary>
    public static RawPayload Read(ReadOnlySpan<byte> payload)
    {
        payload = Trim(payload);
        if (payload.IsEmpty)
        {
            return RawPayload.NotAPost("blank");
        }

        var state = new ParseState(stackalloc Utf8Slice[32], stackalloc TweetFields[4]);
        try
        {
            return Read(payload, ref state, out _);
        }
        finally
        {
            state.Dispose();
        }
    }

    /// <summary>
    /// Reads a trimmed, non-empty line into <paramref name="state"/> and classifies it; for a post,
    /// <paramref name="text"/> says where its text, hashtags come from (the language is <see cref="LangOf"/>).
    /// </summary>
    internal static RawPayload Read(ReadOnlySpan<byte> line, ref ParseState state, out ChosenText text)
    {
        text = ChosenText.None;
        try
        {
            RawPostParser.Parse(line, ref state);
            return Classify(ref state, out text);
        }
        catch (JsonException ex)
        {
            return RawPayload.Malformed(InvalidJsonPrefix + ex.Message);
        }
        catch (PostLineException ex)
        {
            return RawPayload.Malformed(ex.Message);
        }
    }

    /// <summary>The post's language: v2 <c>data.lang</c>, v1.1 <c>lang</c> of the status itself.</summary>
    internal static Utf8Slice LangOf(ref ParseState state, RawPayload post) => post.Format == RawPayload.V2 ? state.Data.Lang : state.Top.Lang;

    /// <summary>Drops a UTF-8 byte order mark and surrounding JSON whitespace ('\r' of CRLF files, keep-alive "\r\n").</summary>
    internal static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            line = line[3..];
        }

        return line.Trim(" \t\r\n"u8);
    }

    /// <summary>A v2 envelope when it has <c>data</c>; a v1.1 status when it has any post field; else a stream message.</summary>
    private static RawPayload Classify(ref ParseState s, out ChosenText text)
    {
        text = ChosenText.None;
        if (s.HasData)
        {
            ref var data = ref s.Data;
            RequireIdAndCreatedAt(data, "data.id", "data.created_at");
            text = TextChoice.ForV2(data, s.Included.AsSpan());
            return text.IsSet
                ? RawPayload.Post(RawPayload.V2, data.Id, data.CreatedAt, text.Source)
                : throw new PostLineException($"post {data.Id}: missing data.text");
        }

        ref var top = ref s.Top;
        if (top.HasId || top.HasCreatedAt || top.Text.IsSet || top.FullText.IsSet || top.LongText.IsSet)
        {
            RequireIdAndCreatedAt(top, "id (neither 'id_str' nor 'id')", "created_at");
            text = TextChoice.ForV1(top, s.Retweeted, s.HasRetweeted);
            return text.IsSet
                ? RawPayload.Post(RawPayload.V1, top.Id, top.CreatedAt, text.Source)
                : throw new PostLineException($"post {top.Id}: missing text");
        }

        if (s.MessageKind is not null)
        {
            return RawPayload.NotAPost(s.MessageKind);
        }

        // A v2 message with errors and no data: a disconnect notice or a rule/lookup problem.
        return s.HasErrors
            ? RawPayload.NotAPost("errors")
            : throw new PostLineException("missing id: the object is neither a post nor a known stream message");
    }

    private static void RequireIdAndCreatedAt(in TweetFields post, string idField, string createdAtField)
    {
        if (!post.HasId)
        {
            throw new PostLineException($"missing {idField}");
        }

        if (!post.HasCreatedAt)
        {
            throw new PostLineException($"post {post.Id}: missing {createdAtField}");
        }
    }
}
