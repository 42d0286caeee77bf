using System.Text;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// Turns a raw Bluesky hour (Jetstream events as received, one a line, in the order Jetstream relayed them) into
/// canonical records (docs/bluesky.md): posts through <see cref="BlueskyCanonicalPosts.FromPost"/>; reposts about a
/// post of the same or the previous raw hour (the <see cref="RepostWindow{T}"/> capture kept them by) through
/// <see cref="BlueskyCanonicalPosts.FromRepost"/>, others skipped as <c>repost_without_subject</c>; other events
/// skipped by kind; unreadable ones quarantined. The upload and the rebuild use it alike, so both write the same bytes.
/// </summary>
public sealed class BlueskyNormaliser : IRawPostNormaliser
{
    /// <summary>The longest raw line read (Jetstream messages are a few kilobytes; the client drops those over its own limit).</summary>
    public const int DefaultMaxLineBytes = 1024 * 1024;

    private readonly IObjectStore? _lake;
    private readonly int _maxLineBytes;

    /// <param name="lake">Where the previous raw hour is read from, for reposts of its posts; null: reposts resolve within the hour only.</param>
    /// <param name="maxLineBytes">The longest raw line read.</param>
    public BlueskyNormaliser(IObjectStore? lake = null, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1024);
        _lake = lake;
        _maxLineBytes = maxLineBytes;
    }

    public string Source => PostSources.Bluesky;

    /// <summary>One event on its own (no repost resolves): for checks and tests.</summary>
    public NormalisedLine Normalise(ReadOnlySpan<byte> line) =>
        new HourLines(LakeLayout.HourOf(DateTimeOffset.UnixEpoch), _maxLineBytes).NormaliseLine(line, null, null, out _);

    public async Task<NormaliseSummary> NormaliseHourAsync(
        DateTimeOffset hour, Stream rawLines, Stream canonicalOut, Stream? quarantineOut, IReadOnlySet<long> leaveOut, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawLines);
        ArgumentNullException.ThrowIfNull(canonicalOut);
        hour = LakeLayout.HourOf(hour);
        var lines = new HourLines(hour, _maxLineBytes);
        if (_lake is not null)
        {
            await RememberPreviousHourAsync(lines.Subjects, hour.AddHours(-1), cancellationToken);
        }

        using var run = new NormaliseRun(lines, leaveOut);
        await run.RunAsync(rawLines, canonicalOut, quarantineOut, cancellationToken);
        return run.Summary();
    }

    /// <summary>The posts of the previous raw hour, as subjects reposts of this hour can be about.</summary>
    private async Task RememberPreviousHourAsync(RepostWindow<CanonicalPost> subjects, DateTimeOffset previous, CancellationToken cancellationToken)
    {
        var key = LakeLayout.RawPostHourKey(PostSources.Bluesky, previous);
        if (await _lake!.GetInfoAsync(key, cancellationToken) is null)
        {
            return;
        }

        await using var stream = await _lake.OpenReadAsync(key, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length <= _maxLineBytes && JetstreamEventReader.Read(Encoding.UTF8.GetBytes(line)) is { Kind: JetstreamEventKind.Post } post)
            {
                var record = BlueskyCanonicalPosts.FromPost(post);
                subjects.Add(record.Id, previous, record);
            }
        }
    }

    /// <summary>The rules of one hour, with the subjects its reposts can be about.</summary>
    private sealed class HourLines(DateTimeOffset hour, int maxLineBytes) : ILineNormaliser
    {
        public RepostWindow<CanonicalPost> Subjects { get; } = new();

        public int MaxLineBytes => maxLineBytes;

        public NormalisedLine NormaliseLine(ReadOnlySpan<byte> line, HashSet<long>? seen, IReadOnlySet<long>? leaveOut, out PostDrop dropped)
        {
            dropped = PostDrop.None;
            line = RawPostReader.Trim(line);
            if (line.IsEmpty)
            {
                return NormalisedLine.Skipped("blank");
            }

            if (line.Length > maxLineBytes)
            {
                return NormalisedLine.Quarantined(NormaliseRun.OversizedReason(line.Length, maxLineBytes));
            }

            var jetstreamEvent = JetstreamEventReader.Read(line);
            CanonicalPost? record;
            switch (jetstreamEvent.Kind)
            {
                case JetstreamEventKind.Post:
                    record = BlueskyCanonicalPosts.FromPost(jetstreamEvent);
                    Subjects.Add(record.Id, hour, record); // a subject even when left out: the repost is a post of its own
                    break;
                case JetstreamEventKind.Repost:
                    var subject = Subjects.TryGet(BlueskyCanonicalPosts.IdOf(jetstreamEvent.SubjectUri!), hour, out var kept) ? kept : null;
                    record = BlueskyCanonicalPosts.FromRepost(jetstreamEvent, subject);
                    if (record is null)
                    {
                        return NormalisedLine.Skipped("repost_without_subject");
                    }

                    break;
                case JetstreamEventKind.Malformed:
                    return NormalisedLine.Quarantined(jetstreamEvent.MalformedReason!);
                default:
                    return NormalisedLine.Skipped(SkipKind(jetstreamEvent.Kind));
            }

            if (leaveOut is not null && leaveOut.Contains(record.Id))
            {
                dropped = PostDrop.LeftOut;
                return default;
            }

            if (seen is not null && !seen.Add(record.Id))
            {
                dropped = PostDrop.Duplicate;
                return default;
            }

            return NormalisedLine.ForPost(record);
        }

        private static string SkipKind(JetstreamEventKind kind) => kind switch
        {
            JetstreamEventKind.Delete => "delete",
            JetstreamEventKind.Identity => "identity",
            JetstreamEventKind.Account => "account",
            JetstreamEventKind.OtherCollection => "other_collection",
            _ => "unknown_kind",
        };
    }
}
