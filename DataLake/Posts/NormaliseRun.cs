using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// One normalisation of a raw input (<see cref="PostNormaliser.NormaliseAsync"/>, a Bluesky hour…): reads the input in large chunks into one pooled buffer,
/// splits it on '\n', normalises each line synchronously, and writes canonical and quarantine lines through
/// reused <see cref="Utf8JsonWriter"/>s, flushing them to the output streams in large writes.
/// </summary>
internal sealed class NormaliseRun : IDisposable
{
    private const int ReadChunk = 128 * 1024;
    private const int FlushThreshold = 256 * 1024;
    private const int QuarantineHeadBytes = 1024;

    private readonly ILineNormaliser _normaliser;
    private readonly int _maxLineBytes;
    private readonly HashSet<long> _seen = [];
    private readonly IReadOnlySet<long>? _leaveOut;
    private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _canonical = new(FlushThreshold + 64 * 1024);
    private readonly ArrayBufferWriter<byte> _quarantine = new(16 * 1024);
    private readonly Utf8JsonWriter _canonicalJson;
    private readonly Utf8JsonWriter _quarantineJson;

    private byte[] _buffer;
    private long _linesRead;
    private long _postsWritten;
    private long _duplicates;
    private long _leftOut;
    private long _quarantined;

    // An over-long line being discarded: its number, first bytes and length so far.
    private bool _discarding;
    private long _discardLine;
    private long _discardBytes;
    private byte[]? _discardHead;

    public NormaliseRun(ILineNormaliser normaliser, IReadOnlySet<long>? leaveOut)
    {
        _normaliser = normaliser;
        _leaveOut = leaveOut is { Count: > 0 } ? leaveOut : null;
        _maxLineBytes = normaliser.MaxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(_maxLineBytes + 2 + ReadChunk);
        _canonicalJson = new Utf8JsonWriter(_canonical, CanonicalPostJson.WriterOptions);
        _quarantineJson = new Utf8JsonWriter(_quarantine, CanonicalPostJson.WriterOptions);
    }

    public async Task RunAsync(Stream input, Stream canonicalOut, Stream? quarantineOut, CancellationToken cancellationToken)
    {
        int start = 0, end = 0;
        while (true)
        {
            if (start > 0)
            {
                // Keep the partial last line at the front; there is always room for a chunk behind it.
                _buffer.AsSpan(start, end - start).CopyTo(_buffer);
                end -= start;
                start = 0;
            }

            var read = await input.ReadAsync(_buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                break;
            }

            end += read;
            start = ProcessLines(start, end);
            if (_canonical.WrittenCount >= FlushThreshold || _quarantine.WrittenCount >= FlushThreshold)
            {
                await FlushAsync(canonicalOut, quarantineOut, cancellationToken);
            }
        }

        ProcessEnd(start, end);
        await FlushAsync(canonicalOut, quarantineOut, cancellationToken);
        await canonicalOut.FlushAsync(cancellationToken);
        if (quarantineOut is not null)
        {
            await quarantineOut.FlushAsync(cancellationToken);
        }
    }

    /// <summary>The reason given for a line over the limit.</summary>
    public static string OversizedReason(long length, int maxLineBytes) => $"line of {length} bytes is over the {maxLineBytes}-byte limit";

    public NormaliseSummary Summary() =>
        new(_linesRead, _postsWritten, _duplicates, new Dictionary<string, long>(_skipped, StringComparer.Ordinal), _quarantined, _leftOut);

    public void Dispose()
    {
        _canonicalJson.Dispose();
        _quarantineJson.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Processes every complete line in [start, end); returns where the unfinished last line starts.</summary>
    private int ProcessLines(int start, int end)
    {
        var data = _buffer.AsSpan(0, end);
        while (start < end)
        {
            var newline = data[start..].IndexOf((byte)'\n');
            if (_discarding)
            {
                if (newline < 0)
                {
                    _discardBytes += end - start;
                    return end;
                }

                _discardBytes += newline;
                FinishDiscard();
                start += newline + 1;
                continue;
            }

            if (newline < 0)
            {
                break;
            }

            ProcessLine(data.Slice(start, newline), lastWithoutNewline: false);
            start += newline + 1;
        }

        // No newline within the limit (+1 for a CR): stop buffering, count the rest of the line as it streams by.
        if (!_discarding && end - start > _maxLineBytes + 1)
        {
            _discarding = true;
            _discardLine = ++_linesRead;
            var head = QuarantineHeadBytes;
            while (head > 0 && (data[start + head] & 0xC0) == 0x80)
            {
                head--; // cut before a UTF-8 continuation byte, so the head stays text
            }

            _discardHead = data.Slice(start, head).ToArray();
            _discardBytes = end - start;
            return end;
        }

        return start;
    }

    private void ProcessEnd(int start, int end)
    {
        if (_discarding)
        {
            _discardBytes += end - start;
            FinishDiscard();
        }
        else if (start < end)
        {
            ProcessLine(_buffer.AsSpan(start, end - start), lastWithoutNewline: true);
        }
    }

    private void ProcessLine(ReadOnlySpan<byte> line, bool lastWithoutNewline)
    {
        var number = ++_linesRead;
        var result = _normaliser.NormaliseLine(line, _seen, _leaveOut, out var dropped);
        switch (dropped)
        {
            case PostDrop.Duplicate:
                _duplicates++;
                return;
            case PostDrop.LeftOut:
                _leftOut++;
                return;
            default:
                break;
        }

        switch (result.Kind)
        {
            case NormalisedLineKind.Post:
                CanonicalPostJson.Write(_canonicalJson, result.Post!);
                _canonicalJson.Flush();
                _canonicalJson.Reset();
                _canonical.Write("\n"u8);
                _postsWritten++;
                break;
            case NormalisedLineKind.Skipped:
                _skipped[result.SkipKind!] = _skipped.GetValueOrDefault(result.SkipKind!) + 1;
                break;
            default:
                var reason = result.Reason!;
                if (lastWithoutNewline && reason.StartsWith(RawPostReader.InvalidJsonPrefix, StringComparison.Ordinal))
                {
                    reason = "truncated last line (no newline at the end of the input): " + reason;
                }

                Quarantine(number, reason, line, totalBytes: line.Length);
                break;
        }
    }

    private void FinishDiscard()
    {
        Quarantine(_discardLine, OversizedReason(_discardBytes, _maxLineBytes), _discardHead, _discardBytes);
        _discarding = false;
        _discardHead = null;
        _discardBytes = 0;
    }

    /// <summary>
    /// <c>{"line":n,"reason":"..","raw":".."}</c>; <c>raw_base64</c> instead when the bytes are not UTF-8; for an
    /// over-long line only its first bytes (<c>raw_head</c>/<c>raw_head_base64</c>) and <c>bytes</c>.
    /// </summary>
    private void Quarantine(long lineNumber, string reason, ReadOnlySpan<byte> raw, long totalBytes)
    {
        _quarantined++;
        var w = _quarantineJson;
        w.WriteStartObject();
        w.WriteNumber("line"u8, lineNumber);
        w.WriteString("reason"u8, reason);
        var whole = raw.Length == totalBytes;
        if (!whole)
        {
            w.WriteNumber("bytes"u8, totalBytes);
        }

        if (Utf8.IsValid(raw))
        {
            w.WriteString(whole ? "raw"u8 : "raw_head"u8, raw);
        }
        else
        {
            w.WriteBase64String(whole ? "raw_base64"u8 : "raw_head_base64"u8, raw);
        }

        w.WriteEndObject();
        w.Flush();
        w.Reset();
        _quarantine.Write("\n"u8);
    }

    private async Task FlushAsync(Stream canonicalOut, Stream? quarantineOut, CancellationToken cancellationToken)
    {
        if (_canonical.WrittenCount > 0)
        {
            await canonicalOut.WriteAsync(_canonical.WrittenMemory, cancellationToken);
            _canonical.ResetWrittenCount();
        }

        if (_quarantine.WrittenCount > 0)
        {
            if (quarantineOut is not null)
            {
                await quarantineOut.WriteAsync(_quarantine.WrittenMemory, cancellationToken);
            }

            _quarantine.ResetWrittenCount();
        }
    }
}
