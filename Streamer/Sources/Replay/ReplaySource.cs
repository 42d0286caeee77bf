using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Sources.Replay;

/// <summary>
/// Feeds the capture path from saved JSON-lines files, at a given rate or as fast as possible: X v1.1 statuses or v2
/// stream envelopes (one per line, mixed freely, read by <see cref="RawPostReader"/>), or, for source
/// <c>bluesky</c>, Jetstream events (read by <see cref="JetstreamEventReader"/>: every post and repost is kept, as a
/// saved capture was filtered already; deletes go to the store as live ones do; other events are not posts).
/// <para>
/// Each replayed post's received time is its <c>created_at</c> (Bluesky: its <c>time_us</c>): a replayed post lands in the hour file of the hour
/// it was created, exactly where a live capture would have put it, so a replayed archive produces the same lake as
/// the original capture did.
/// </para>
/// Each post carries a checkpoint (file and byte offset after its line); the capture pipeline commits it with the
/// post's batch, so a replay interrupted at any moment resumes after the last committed line. One bad line never
/// hides the rest: a line that is not a post is counted and skipped, a line over
/// <see cref="ReplayOptions.MaxLineBytes"/> is quarantined (skipped, counted with its line number), and after
/// <see cref="ReplayOptions.MaxLineWarnings"/> warnings the rest are only counted and summarised once.
/// </summary>
public sealed class ReplaySource : ICaptureSource
{
    private readonly IReadOnlyList<string> _files;
    private readonly ReplayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReplaySource(IEnumerable<string> files, ReplayOptions? options = null, TimeProvider? time = null, ILogger<ReplaySource>? logger = null, string source = PostSources.X)
    {
        if (!PostSources.All.Contains(source))
        {
            throw new ArgumentException($"Unknown post source '{source}'.", nameof(source));
        }

        Name = source;
        ArgumentNullException.ThrowIfNull(files);
        _files = [.. files.Select(Path.GetFullPath)];
        if (_files.Count == 0)
        {
            throw new ArgumentException("A replay needs at least one file.", nameof(files));
        }

        if (_files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new FileNotFoundException($"Replay file '{missing}' does not exist.", missing);
        }

        _options = options ?? new ReplayOptions();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The post source the files hold.</summary>
    public string Name { get; }

    public SeenTally? Filtered => null;

    /// <summary>The files, as absolute paths (also their checkpoint keys).</summary>
    public IReadOnlyList<string> Files => _files;

    public ReplayStatistics Statistics { get; } = new();

    /// <summary>Reads the posts of every file in order from the start.</summary>
    public IAsyncEnumerable<CapturedPost> ReadAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(new Dictionary<string, long>(), cancellationToken);

    /// <summary>Reads the posts of every file in order, starting each file at its checkpoint offset (if any).</summary>
    public async IAsyncEnumerable<CapturedPost> ReadAsync(IReadOnlyDictionary<string, long> checkpoints, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var started = _time.GetTimestamp();
        long emitted = 0;
        var payloads = new PayloadArena();
        try
        {
            foreach (var file in _files)
            {
                await using var reader = new ReplayFileReader(file, checkpoints.GetValueOrDefault(file), _options.MaxLineBytes);
                while (await reader.NextAsync(cancellationToken) is { } line)
                {
                    if (ToPost(file, line, payloads) is not { } post)
                    {
                        continue;
                    }

                    await PaceAsync(started, emitted++, cancellationToken);
                    yield return post;
                }
            }
        }
        finally
        {
            SummariseWarnings();
        }
    }

    /// <summary>At a rate, waits until the post's slot (start + n / rate); only when ahead by more than a few ms.</summary>
    private async Task PaceAsync(long started, long emitted, CancellationToken cancellationToken)
    {
        if (_options.PostsPerSecond <= 0)
        {
            return;
        }

        var ahead = TimeSpan.FromSeconds(emitted / _options.PostsPerSecond) - _time.GetElapsedTime(started);
        if (ahead > TimeSpan.FromMilliseconds(5))
        {
            await Task.Delay(ahead, _time, cancellationToken);
        }
    }

    private CapturedPost? ToPost(string file, ReplayLine line, PayloadArena payloads)
    {
        if (line.TooLong)
        {
            Statistics.AddQuarantined($"{file}:{Describe(line.Number)}");
            Warn("Replay file {File} line {Line} is longer than {Max} bytes; quarantined (skipped).", file, Describe(line.Number), _options.MaxLineBytes);
            return null;
        }

        var bytes = line.Bytes.Span;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        if (bytes.Trim((byte)' ').IsEmpty)
        {
            return null;
        }

        if (Name == PostSources.Bluesky)
        {
            return ToBlueskyPost(file, line, bytes, payloads);
        }

        var payload = RawPostReader.Read(bytes);
        switch (payload.Kind)
        {
            case RawPayloadKind.Post:
                Statistics.AddPost(bytes.Length);
                return new CapturedPost(Name, payload.Id, payload.CreatedAt, payload.CreatedAt, payloads.Copy(bytes), new SourceCheckpoint(file, line.OffsetAfter));
            case RawPayloadKind.NotAPost:
                Statistics.AddNotPost();
                return null;
            default:
                Statistics.AddMalformed();
                Warn("Replay file {File} line {Line}: not a post ({Error}); skipped.", file, Describe(line.Number), payload.Detail);
                return null;
        }
    }

    private CapturedPost? ToBlueskyPost(string file, ReplayLine line, ReadOnlySpan<byte> bytes, PayloadArena payloads)
    {
        var jetstreamEvent = JetstreamEventReader.Read(bytes);
        var checkpoint = new SourceCheckpoint(file, line.OffsetAfter);
        var relayedAt = DateTimeOffset.UnixEpoch.AddTicks(jetstreamEvent.TimeUs * TimeSpan.TicksPerMicrosecond);
        switch (jetstreamEvent.Kind)
        {
            case JetstreamEventKind.Post or JetstreamEventKind.Repost:
                Statistics.AddPost(bytes.Length);
                return new CapturedPost(Name, BlueskyCanonicalPosts.IdOf(jetstreamEvent.RecordUri!), relayedAt, relayedAt, payloads.Copy(bytes), checkpoint);
            case JetstreamEventKind.Delete:
                Statistics.AddNotPost();
                var id = BlueskyCanonicalPosts.IdOf(jetstreamEvent.RecordUri!);
                return CapturedPost.Delete(Name, id, relayedAt, BlueskyDeleteRecord.Of(jetstreamEvent), checkpoint);
            case JetstreamEventKind.Malformed:
                Statistics.AddMalformed();
                Warn("Replay file {File} line {Line}: not a Jetstream event ({Error}); skipped.", file, Describe(line.Number), jetstreamEvent.MalformedReason);
                return null;
            default:
                Statistics.AddNotPost();
                return null;
        }
    }

    /// <summary>Logs the first warnings one by one; the rest are summarised at the end.</summary>
    private void Warn(string message, params object?[] args)
    {
        if (Statistics.Malformed + Statistics.Quarantined <= _options.MaxLineWarnings)
        {
#pragma warning disable CA2254 // The templates are the constant messages above.
            _logger.LogWarning(message, args);
#pragma warning restore CA2254
        }
    }

    private void SummariseWarnings()
    {
        var skipped = Statistics.Malformed + Statistics.Quarantined;
        if (skipped > _options.MaxLineWarnings)
        {
            _logger.LogWarning(
                "Replay skipped {Malformed} malformed and {Quarantined} over-long lines in all; {NotLogged} of them were not logged one by one.",
                Statistics.Malformed, Statistics.Quarantined, skipped - _options.MaxLineWarnings);
        }
    }

    private static string Describe(long lineNumber) => lineNumber >= 0 ? lineNumber.ToString(CultureInfo.InvariantCulture) : "(after resume)";
}
