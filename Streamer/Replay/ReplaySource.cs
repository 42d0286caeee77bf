using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Replay;

/// <summary>
/// Feeds the capture path from saved JSON-lines files (X v1.1 statuses or v2 stream envelopes, one
/// per line, mixed freely), at a given rate or as fast as possible.
/// <para>
/// Each replayed post's received time is simulated as its <c>created_at</c>: a replayed post lands
/// in the hour file of the hour it was created, exactly where a live capture would have put it, so
/// a replayed archive produces the same lake as the original capture did. (A live capture stamps
/// the wall-clock receive time instead, which differs from created_at by the stream latency.)
/// </para>
/// Each post carries a checkpoint (file and byte offset after its line); the capture pipeline
/// commits it with the post's batch, so a replay interrupted at any moment resumes after the last
/// committed line.
/// </summary>
public sealed class ReplaySource
{
    private const int ReadBufferSize = 1 << 20;
    private readonly IReadOnlyList<string> _files;
    private readonly ReplayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReplaySource(IEnumerable<string> files, ReplayOptions? options = null, TimeProvider? time = null, ILogger<ReplaySource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = [.. files.Select(Path.GetFullPath)];
        if (_files.Count == 0)
        {
            throw new ArgumentException("A replay needs at least one file.", nameof(files));
        }

        foreach (var file in _files)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"Replay file '{file}' does not exist.", file);
            }
        }

        _options = options ?? new ReplayOptions();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The files, as absolute paths (also the checkpoint source names).</summary>
    public IReadOnlyList<string> Files => _files;

    public ReplayStatistics Statistics { get; } = new();

    /// <summary>Reads the posts of every file in order, starting each file at its checkpoint offset (if any).</summary>
    public async IAsyncEnumerable<CapturedPost> ReadAsync(
        IReadOnlyDictionary<string, long>? resumeFrom = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        long emitted = 0;
        var payloads = new PayloadArena();
        foreach (var file in _files)
        {
            var offset = resumeFrom?.GetValueOrDefault(file) ?? 0;
            await foreach (var post in ReadFileAsync(file, offset, payloads, cancellationToken))
            {
                if (_options.PostsPerSecond > 0)
                {
                    // Pace by the schedule (start + n / rate); waits only when ahead by a few ms.
                    var due = TimeSpan.FromSeconds(emitted / _options.PostsPerSecond);
                    var ahead = due - _time.GetElapsedTime(started);
                    if (ahead > TimeSpan.FromMilliseconds(5))
                    {
                        await Task.Delay(ahead, _time, cancellationToken);
                    }
                }

                emitted++;
                yield return post;
            }
        }
    }

    private async IAsyncEnumerable<CapturedPost> ReadFileAsync(string file, long offset, PayloadArena payloads, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        if (offset > stream.Length)
        {
            throw new InvalidOperationException($"The checkpoint of replay file '{file}' ({offset} bytes) is past its end ({stream.Length} bytes); was the file replaced?");
        }

        stream.Position = offset;
        var buffer = new byte[ReadBufferSize];
        int start = 0, end = 0;
        var position = offset; // file offset of buffer[start]
        var lineNumber = offset == 0 ? 0L : -1; // unknown after a resume
        var eof = false;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (eof)
                {
                    if (end > start)
                    {
                        // Last line without a newline.
                        var tail = Line(file, buffer.AsSpan(start, end - start), position + (end - start), payloads, ref lineNumber);
                        if (tail is not null)
                        {
                            yield return tail;
                        }
                    }

                    yield break;
                }

                if (end - start >= _options.MaxLineBytes)
                {
                    throw new InvalidDataException($"Replay file '{file}': a line at byte {position} is longer than {_options.MaxLineBytes} bytes.");
                }

                // Compact, grow if a line fills the buffer, then read more.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _options.MaxLineBytes + 1));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                if (read == 0)
                {
                    eof = true;
                }

                end += read;
                continue;
            }

            var lineLength = newline + 1;
            var post = Line(file, buffer.AsSpan(start, newline), position + lineLength, payloads, ref lineNumber);
            start += lineLength;
            position += lineLength;
            if (post is not null)
            {
                yield return post;
            }
        }
    }

    private CapturedPost? Line(string file, ReadOnlySpan<byte> line, long offsetAfter, PayloadArena payloads, ref long lineNumber)
    {
        if (lineNumber >= 0)
        {
            lineNumber++;
        }

        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Trim((byte)' ').IsEmpty)
        {
            return null;
        }

        try
        {
            if (PostEnvelope.Read(line, out var id, out var createdAt) == PayloadKind.NotAPost)
            {
                Statistics.AddNotPost();
                return null;
            }

            if (createdAt is null)
            {
                Statistics.AddMalformed();
                _logger.LogWarning("Replay file {File} line {Line}: post {Id} has no created_at; skipped.", file, Describe(lineNumber), id);
                return null;
            }

            Statistics.AddPost(line.Length);
            return new CapturedPost(id, createdAt.Value, createdAt.Value, payloads.Copy(line), new SourceCheckpoint(file, offsetAfter));
        }
        catch (JsonException e)
        {
            Statistics.AddMalformed();
            _logger.LogWarning("Replay file {File} line {Line}: not a JSON post ({Error}); skipped.", file, Describe(lineNumber), e.Message);
            return null;
        }
    }

    private static string Describe(long lineNumber) => lineNumber >= 0 ? lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(after resume)";
}
