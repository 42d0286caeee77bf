using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// Turns raw X payloads (v1.1 status objects and v2 filtered-stream envelopes, one JSON document a line) into
/// <see cref="CanonicalPost"/> records (DESIGN §4). Stateless apart from its options, so thread-safe.
/// </summary>
/// <remarks>
/// Each line is read once with a <see cref="Utf8JsonReader"/>: subtrees no rule needs (users, media, metrics,
/// quoted posts) are skipped, and only the chosen text, hashtags and language are decoded.
/// </remarks>
public sealed class PostNormaliser
{
    /// <summary>Reason prefix of a line that is not valid JSON.</summary>
    internal const string InvalidJsonPrefix = "invalid JSON: ";

    private static readonly string[] NoHashtags = [];

    public PostNormaliser(PostNormaliserOptions? options = null)
    {
        Options = options ?? new PostNormaliserOptions();
        Validator.ValidateObject(Options, new ValidationContext(Options), validateAllProperties: true);
    }

    /// <summary>The options in force.</summary>
    public PostNormaliserOptions Options { get; }

    /// <summary>One raw line (UTF-8 JSON, no newline) to a post, a skipped non-post message or a quarantined line.</summary>
    public NormalisedLine Normalise(ReadOnlySpan<byte> utf8Line) => NormaliseLine(utf8Line, seen: null, out _);

    /// <summary>
    /// Raw JSON lines in, canonical JSON lines out (one per distinct post id in this input, first wins);
    /// quarantined lines (line number, reason and the raw line, as JSON lines) to <paramref name="quarantineOut"/> when given.
    /// </summary>
    public async Task<NormaliseSummary> NormaliseAsync(Stream rawLines, Stream canonicalOut, Stream? quarantineOut, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawLines);
        ArgumentNullException.ThrowIfNull(canonicalOut);
        using var run = new NormaliseRun(this);
        await run.RunAsync(rawLines, canonicalOut, quarantineOut, cancellationToken);
        return run.Summary();
    }

    /// <summary>
    /// Normalises one line; when <paramref name="seen"/> is given and already holds the post's id, returns
    /// <c>default</c> with <paramref name="duplicate"/> set, without decoding anything.
    /// </summary>
    internal NormalisedLine NormaliseLine(ReadOnlySpan<byte> line, HashSet<long>? seen, out bool duplicate)
    {
        duplicate = false;
        line = Trim(line);
        if (line.IsEmpty)
        {
            return NormalisedLine.Skipped("blank");
        }

        if (line.Length > Options.MaxLineBytes)
        {
            return NormalisedLine.Quarantined(OversizedReason(line.Length));
        }

        var state = new ParseState(stackalloc Utf8Slice[32], stackalloc TweetFields[4]);
        try
        {
            RawPostParser.Parse(line, ref state);
            var resolved = RawPostParser.Resolve(ref state);
            if (resolved.SkipKind is not null)
            {
                return NormalisedLine.Skipped(resolved.SkipKind);
            }

            if (seen is not null && !seen.Add(resolved.Id))
            {
                duplicate = true;
                return default;
            }

            return NormalisedLine.ForPost(Materialise(line, ref state, resolved));
        }
        catch (JsonException ex)
        {
            return NormalisedLine.Quarantined(InvalidJsonPrefix + ex.Message);
        }
        catch (PostLineException ex)
        {
            return NormalisedLine.Quarantined(ex.Message);
        }
        finally
        {
            state.Dispose();
        }
    }

    internal string OversizedReason(long length) => $"line of {length} bytes is over the {Options.MaxLineBytes}-byte limit";

    private static CanonicalPost Materialise(ReadOnlySpan<byte> line, ref ParseState state, ResolvedLine resolved)
    {
        var text = Decode(line, resolved.Text, htmlUnescape: true);
        var hashtags = NoHashtags;
        if (resolved.Hashtags.Count > 0)
        {
            hashtags = new string[resolved.Hashtags.Count];
            var count = 0;
            for (var i = 0; i < resolved.Hashtags.Count; i++)
            {
                var key = MatchKeys.HashtagKey(Decode(line, state.Tags[resolved.Hashtags.First + i], htmlUnescape: false));
                if (key.Length > 0)
                {
                    hashtags[count++] = key;
                }
            }

            if (count < hashtags.Length)
            {
                hashtags = hashtags[..count];
            }
        }

        var createdAt = PostDates.ToWholeSecondsUtc(resolved.CreatedAt);
        return new CanonicalPost
        {
            Id = resolved.Id,
            CreatedAt = createdAt,
            Date = DateOnly.FromDateTime(createdAt.UtcDateTime),
            Lang = DecodeLang(line, resolved.Lang),
            Text = text,
            TextKey = MatchKeys.TextKey(text),
            Hashtags = hashtags,
            Format = resolved.Format == 2 ? "v2" : "v1",
        };
    }

    private static string Decode(ReadOnlySpan<byte> line, Utf8Slice slice, bool htmlUnescape) =>
        PostText.Decode(line.Slice(slice.Start, slice.Length), slice.Escaped, htmlUnescape);

    private static string? DecodeLang(ReadOnlySpan<byte> line, Utf8Slice slice)
    {
        if (!slice.IsSet)
        {
            return null;
        }

        var raw = line.Slice(slice.Start, slice.Length);
        if (!slice.Escaped)
        {
            // The common codes without allocating a string per post.
            switch (raw.Length)
            {
                case 2 when raw.SequenceEqual("en"u8): return "en";
                case 2 when raw.SequenceEqual("es"u8): return "es";
                case 2 when raw.SequenceEqual("ja"u8): return "ja";
                case 2 when raw.SequenceEqual("pt"u8): return "pt";
                case 2 when raw.SequenceEqual("ar"u8): return "ar";
                case 2 when raw.SequenceEqual("fr"u8): return "fr";
                case 2 when raw.SequenceEqual("ko"u8): return "ko";
                case 2 when raw.SequenceEqual("tr"u8): return "tr";
                case 2 when raw.SequenceEqual("in"u8): return "in";
                case 2 when raw.SequenceEqual("de"u8): return "de";
                case 2 when raw.SequenceEqual("it"u8): return "it";
                case 2 when raw.SequenceEqual("ru"u8): return "ru";
                case 2 when raw.SequenceEqual("th"u8): return "th";
                case 2 when raw.SequenceEqual("hi"u8): return "hi";
                case 2 when raw.SequenceEqual("tl"u8): return "tl";
                case 2 when raw.SequenceEqual("zh"u8): return "zh";
                case 3 when raw.SequenceEqual("und"u8): return "und";
                case 3 when raw.SequenceEqual("zxx"u8): return "zxx";
                case 3 when raw.SequenceEqual("qme"u8): return "qme";
                default: break;
            }
        }

        return PostText.Decode(raw, slice.Escaped, htmlUnescape: false);
    }

    /// <summary>Drops a UTF-8 byte order mark and surrounding JSON whitespace ('\r' of CRLF files, keep-alive "\r\n").</summary>
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            line = line[3..];
        }

        return line.Trim(" \t\r\n"u8);
    }
}
