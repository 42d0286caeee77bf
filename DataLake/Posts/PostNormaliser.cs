using System.ComponentModel.DataAnnotations;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// Turns raw X payloads (v1.1 status objects and v2 filtered-stream envelopes, one JSON document a line) into
/// <see cref="CanonicalPost"/> records (docs/canonical-records.md). Stateless apart from its options, so thread-safe.
/// </summary>
/// <remarks>
/// Each line is read once by <see cref="RawPostReader"/>: subtrees no rule needs (users, media, metrics, quoted
/// posts) are skipped, and only the chosen text, hashtags and language are decoded.
/// </remarks>
public sealed class PostNormaliser : IRawPostNormaliser, ILineNormaliser
{
    public PostNormaliser(PostNormaliserOptions? options = null)
    {
        Options = options ?? new PostNormaliserOptions();
        Validator.ValidateObject(Options, new ValidationContext(Options), validateAllProperties: true);
    }

    /// <summary>The options in force.</summary>
    public PostNormaliserOptions Options { get; }

    /// <inheritdoc/>
    public string Source => PostSources.X;

    int ILineNormaliser.MaxLineBytes => Options.MaxLineBytes;

    NormalisedLine ILineNormaliser.NormaliseLine(ReadOnlySpan<byte> line, HashSet<long>? seen, IReadOnlySet<long>? leaveOut, out PostDrop dropped) =>
        NormaliseLine(line, seen, leaveOut, out dropped);

    /// <summary>One raw line (UTF-8 JSON, no newline) to a post, a skipped non-post message or a quarantined line.</summary>
    public NormalisedLine Normalise(ReadOnlySpan<byte> utf8Line) => NormaliseLine(utf8Line, seen: null, leaveOut: null, out _);

    /// <summary>
    /// Raw JSON lines in, canonical JSON lines out (one per distinct post id in this input, first wins);
    /// quarantined lines (line number, reason and the raw line, as JSON lines) to <paramref name="quarantineOut"/> when given.
    /// </summary>
    public Task<NormaliseSummary> NormaliseAsync(Stream rawLines, Stream canonicalOut, Stream? quarantineOut, CancellationToken cancellationToken = default) =>
        RunAsync(rawLines, canonicalOut, quarantineOut, leaveOut: null, cancellationToken);

    /// <summary>As <see cref="NormaliseAsync"/>, leaving out the posts whose ids are in <paramref name="leaveOut"/> (X hours have no deletes log; the hour is not needed).</summary>
    public Task<NormaliseSummary> NormaliseHourAsync(
        DateTimeOffset hour, Stream rawLines, Stream canonicalOut, Stream? quarantineOut, IReadOnlySet<long> leaveOut, CancellationToken cancellationToken = default) =>
        RunAsync(rawLines, canonicalOut, quarantineOut, leaveOut, cancellationToken);

    /// <summary>
    /// Normalises one line. A post whose id is in <paramref name="leaveOut"/>, or already in <paramref name="seen"/>,
    /// gives <c>default</c> with <paramref name="dropped"/> saying which, without decoding anything.
    /// </summary>
    internal NormalisedLine NormaliseLine(ReadOnlySpan<byte> line, HashSet<long>? seen, IReadOnlySet<long>? leaveOut, out PostDrop dropped)
    {
        dropped = PostDrop.None;
        line = RawPostReader.Trim(line);
        if (line.IsEmpty)
        {
            return NormalisedLine.Skipped("blank");
        }

        if (line.Length > Options.MaxLineBytes)
        {
            return NormalisedLine.Quarantined(NormaliseRun.OversizedReason(line.Length, Options.MaxLineBytes));
        }

        var state = new ParseState(stackalloc Utf8Slice[32], stackalloc TweetFields[4]);
        try
        {
            var payload = RawPostReader.Read(line, ref state, out var text);
            switch (payload.Kind)
            {
                case RawPayloadKind.NotAPost:
                    return NormalisedLine.Skipped(payload.Detail!);
                case RawPayloadKind.Malformed:
                    return NormalisedLine.Quarantined(payload.Detail!);
                default:
                    break;
            }

            if (leaveOut is not null && leaveOut.Contains(payload.Id))
            {
                dropped = PostDrop.LeftOut;
                return default;
            }

            if (seen is not null && !seen.Add(payload.Id))
            {
                dropped = PostDrop.Duplicate;
                return default;
            }

            return NormalisedLine.ForPost(Materialise(line, ref state, payload, text));
        }
        finally
        {
            state.Dispose();
        }
    }

    private async Task<NormaliseSummary> RunAsync(
        Stream rawLines, Stream canonicalOut, Stream? quarantineOut, IReadOnlySet<long>? leaveOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawLines);
        ArgumentNullException.ThrowIfNull(canonicalOut);
        using var run = new NormaliseRun(this, leaveOut);
        await run.RunAsync(rawLines, canonicalOut, quarantineOut, cancellationToken);
        return run.Summary();
    }

    private static CanonicalPost Materialise(ReadOnlySpan<byte> line, ref ParseState state, RawPayload post, ChosenText chosen)
    {
        var text = Decode(line, chosen.Text, htmlUnescape: true);
        return new CanonicalPost
        {
            Id = post.Id,
            CreatedAt = post.CreatedAt,
            Date = DateOnly.FromDateTime(post.CreatedAt.UtcDateTime),
            Lang = DecodeLang(line, RawPostReader.LangOf(ref state, post)),
            Text = text,
            TextKey = MatchKeys.TextKey(text),
            Hashtags = HashtagKeys(line, ref state, chosen.Hashtags),
            Format = post.Format!,
        };
    }

    private static string[] HashtagKeys(ReadOnlySpan<byte> line, ref ParseState state, HashtagRange range)
    {
        if (range.Count == 0)
        {
            return [];
        }

        var tags = new string[range.Count];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = Decode(line, state.Tags[range.First + i], htmlUnescape: false);
        }

        return MatchKeys.ToPostHashtagKeys(tags);
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
}
