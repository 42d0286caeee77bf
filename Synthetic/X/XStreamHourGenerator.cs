using System.Buffers;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.Synthetic.Posts;

namespace TrendingTv.Synthetic.X;

/// <summary>
/// An hour of the X API v2 filtered stream as the streamer captures it, deterministically from a
/// seed: 40% retweets, 8% quotes, 12% replies, 6% long posts with <c>note_tweet</c>, a referenced
/// post missing from <c>includes</c> one time in fifty, about the catalogue's shows. Envelopes are
/// <see cref="XPayloadDetail.Full"/> (about 2.5 KB a line: users, metrics, context annotations) or
/// <see cref="XPayloadDetail.Lean"/> (what the streamer's own request returns). With
/// <c>streamNoise</c> the stream's own lines too: a blank keep-alive every 20 s, a redelivered post
/// in a thousand and one errors-only disconnect notice.
/// </summary>
public sealed class XStreamHourGenerator
{
    private const string DisconnectNotice = """{"errors":[{"title":"operational-disconnect","disconnect_type":"OperationalDisconnect","detail":"This stream has been disconnected for operational reasons.","type":"https://api.twitter.com/2/problems/operational-disconnect"}]}""";

    private readonly Random _random;
    private readonly IReadOnlyList<Show> _shows;
    private readonly XPayloadDetail _detail;
    private long _sequence;

    public XStreamHourGenerator(int seed, ShowCatalogue? catalogue = null, XPayloadDetail detail = XPayloadDetail.Full)
    {
        _random = new Random(seed);
        _shows = (catalogue ?? ShowCatalogue.LoadDefault()).Shows;
        _detail = detail;
    }

    /// <summary>The hour as bytes, and how many of its lines are distinct posts (<paramref name="posts"/>).</summary>
    public (byte[] Bytes, int Posts) Generate(int posts, DateTimeOffset hour, bool streamNoise = true)
    {
        var buffer = new ArrayBufferWriter<byte>(posts * (_detail == XPayloadDetail.Full ? 2600 : 1200));
        Write(buffer, posts, hour, streamNoise);
        return (buffer.WrittenSpan.ToArray(), posts);
    }

    /// <summary>Writes the hour to a file (streamed: any size), one payload a line.</summary>
    public void WriteFile(string path, int posts, DateTimeOffset hour, bool streamNoise = true)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        Write(buffer, posts, hour, streamNoise, flush: () =>
        {
            file.Write(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
        });
        file.Write(buffer.WrittenSpan);
    }

    private void Write(ArrayBufferWriter<byte> buffer, int posts, DateTimeOffset hour, bool streamNoise, Action? flush = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(posts);
        var writer = new Utf8JsonWriter(buffer, SyntheticJson.WriterOptions);
        var recent = new Queue<byte[]>();
        var keepAliveEvery = Math.Max(1, posts / 180);
        for (var i = 0; i < posts; i++)
        {
            var start = buffer.WrittenCount;
            writer.Reset(buffer);
            var (post, includeSubject) = NextPost(hour.AddMilliseconds(3_600_000.0 * i / posts));
            XV2EnvelopeWriter.Write(writer, post, _random, _detail, includeSubject);
            writer.Flush();
            if (streamNoise)
            {
                RememberRecent(recent, buffer.WrittenSpan[start..]);
            }

            buffer.Write("\n"u8);
            if (streamNoise)
            {
                WriteNoise(buffer, recent, i, posts, keepAliveEvery);
            }

            if (flush is not null && buffer.WrittenCount > 1 << 19)
            {
                flush();
            }
        }
    }

    private (SyntheticPost Post, bool IncludeSubject) NextPost(DateTimeOffset createdAt)
    {
        var r = _random;
        var id = XSnowflake.Id(createdAt, ++_sequence);
        var author = Author(r.NextInt64(1_000_000, 1_500_000_000_000_000_000));
        var roll = r.Next(100);
        var kind = roll switch
        {
            < 40 => SyntheticPostKind.Repost,
            < 48 => SyntheticPostKind.Quote,
            < 60 => SyntheticPostKind.Reply,
            _ => SyntheticPostKind.Original,
        };
        var longPost = r.Next(100) < 6 && kind != SyntheticPostKind.Repost;
        var show = _shows[r.Next(_shows.Count)];
        var (text, hashtags) = PostTextComposer.Chatter(r, longPost ? r.Next(300, 900) : r.Next(40, 270), show, nameShow: true, _shows);
        SyntheticPost? subject = null;
        if (kind != SyntheticPostKind.Original)
        {
            var subjectAt = createdAt.AddMinutes(-r.Next(1, 600));
            var subjectLong = r.Next(100) < 10;
            var (subjectText, subjectTags) = PostTextComposer.Chatter(r, subjectLong ? r.Next(300, 900) : r.Next(40, 270), _shows[r.Next(_shows.Count)], nameShow: true, _shows);
            subject = new SyntheticPost(XSnowflake.Id(subjectAt, ++_sequence), subjectAt, Author(r.NextInt64(1_000_000, 1_500_000_000_000_000_000)), subjectText, subjectTags, "en");
        }

        var post = kind == SyntheticPostKind.Repost
            ? new SyntheticPost(id, createdAt, author, string.Empty, [], "en", kind, subject)
            : new SyntheticPost(id, createdAt, author, text, hashtags, "en", kind, subject);
        // One time in fifty the referenced post is missing from includes (deleted or protected).
        return (post, subject is null || r.Next(50) != 0);
    }

    private static SyntheticAuthor Author(long id) => new(id, "viewer_" + XText.Str(id % 100000));

    private static void RememberRecent(Queue<byte[]> recent, ReadOnlySpan<byte> line)
    {
        recent.Enqueue(line.ToArray());
        if (recent.Count > 1000)
        {
            recent.Dequeue();
        }
    }

    private void WriteNoise(ArrayBufferWriter<byte> buffer, Queue<byte[]> recent, int index, int posts, int keepAliveEvery)
    {
        if (index % keepAliveEvery == 0)
        {
            buffer.Write("\r\n"u8); // the keep-alive X sends every 20 s
        }

        if (index % 1000 == 999)
        {
            // Streams redeliver: one of the recent posts again, byte for byte.
            buffer.Write(recent.ElementAt(_random.Next(recent.Count)));
            buffer.Write("\n"u8);
        }

        if (index == posts / 2)
        {
            buffer.Write(System.Text.Encoding.UTF8.GetBytes(DisconnectNotice));
            buffer.Write("\n"u8);
        }
    }
}
