using System.Buffers;
using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.Synthetic.Posts;

namespace TrendingTv.Synthetic.X;

/// <summary>
/// A day of X API v1.1 stream statuses as the original pipeline archived them, deterministically
/// from a seed: one full status a line, each sized between <c>minBytes</c> and <c>maxBytes</c> (4–8 KB
/// by default) by its photos — 45% retweets, 10% quotes, a tenth of the rest replies, 35% extended
/// posts, about the catalogue's shows.
/// </summary>
public sealed class XArchiveDayGenerator
{
    private readonly Random _random;
    private readonly IReadOnlyList<Show> _shows;
    private readonly int _minBytes;
    private readonly int _maxBytes;
    private readonly ArrayBufferWriter<byte> _scratch = new(16 * 1024);
    private long _sequence;

    public XArchiveDayGenerator(int seed, ShowCatalogue? catalogue = null, int minBytes = 4096, int maxBytes = 8192)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, minBytes);
        _random = new Random(seed);
        _shows = (catalogue ?? ShowCatalogue.LoadDefault()).Shows;
        _minBytes = minBytes;
        _maxBytes = maxBytes;
    }

    /// <summary>The day's <paramref name="posts"/> statuses, spread evenly over <paramref name="day"/> (UTC), as bytes.</summary>
    public byte[] Generate(int posts, DateOnly day)
    {
        using var output = new MemoryStream(capacity: posts * ((_minBytes + _maxBytes) / 2 + 100));
        Write(output, posts, day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), TimeSpan.FromDays(1));
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="posts"/> statuses spread evenly from <paramref name="start"/> over <paramref name="span"/>, one a line.</summary>
    public void Write(Stream output, int posts, DateTime start, TimeSpan span)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(posts);
        for (var i = 0; i < posts; i++)
        {
            var createdAt = new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)).AddMilliseconds(span.TotalMilliseconds * i / posts);
            var target = _random.Next(_minBytes, _maxBytes + 1);
            var roll = _random.Next(100);
            var kind = roll switch
            {
                < 45 => SyntheticPostKind.Repost,
                < 55 => SyntheticPostKind.Quote,
                _ => _random.Next(10) == 0 ? SyntheticPostKind.Reply : SyntheticPostKind.Original,
            };
            var extended = _random.Next(100) < 35;
            var postSeed = _random.Next();
            var sequence = _sequence += 2;

            // Photos are what makes a status large: measure it without and with one, then write it
            // with as many as reach the target (the same seed gives the same status each time).
            var bare = Render(postSeed, createdAt, sequence, kind, extended, photos: 0);
            if (bare < target - 300)
            {
                var perPhoto = Math.Max(1, Render(postSeed, createdAt, sequence, kind, extended, photos: 1) - bare);
                var photos = Math.Clamp((target - 300 - bare + perPhoto - 1) / perPhoto, 1, 8);
                Render(postSeed, createdAt, sequence, kind, extended, photos);
            }

            output.Write(_scratch.WrittenSpan);
            output.WriteByte((byte)'\n');
        }
    }

    private int Render(int postSeed, DateTimeOffset createdAt, long sequence, SyntheticPostKind kind, bool extended, int photos)
    {
        _scratch.ResetWrittenCount();
        var random = new Random(postSeed);
        var post = Compose(random, createdAt, sequence, kind, extended);
        using (var writer = new Utf8JsonWriter(_scratch, SyntheticJson.WriterOptions))
        {
            XV1StatusWriter.Write(writer, post, random, XPayloadDetail.Full, photos);
        }

        return _scratch.WrittenCount;
    }

    private SyntheticPost Compose(Random r, DateTimeOffset createdAt, long sequence, SyntheticPostKind kind, bool extended)
    {
        var show = _shows[r.Next(_shows.Count)];
        var lang = PostVocabulary.Languages[r.Next(PostVocabulary.Languages.Length)];
        var (text, hashtags) = PostTextComposer.Chatter(r, extended ? r.Next(150, 280) : r.Next(40, 140), show, nameShow: r.Next(3) == 0, _shows);
        SyntheticPost? subject = null;
        if (kind != SyntheticPostKind.Original)
        {
            var subjectAt = createdAt.AddMinutes(-r.Next(1, 600));
            var subjectExtended = kind == SyntheticPostKind.Repost ? extended : r.Next(2) == 0;
            var (subjectText, subjectTags) = PostTextComposer.Chatter(r, subjectExtended ? r.Next(150, 280) : r.Next(40, 140), _shows[r.Next(_shows.Count)], nameShow: r.Next(3) == 0, _shows);
            subject = new SyntheticPost(XSnowflake.Id(subjectAt, sequence + 1), subjectAt, Author(r), subjectText, subjectTags, lang);
        }

        return kind == SyntheticPostKind.Repost
            ? new SyntheticPost(XSnowflake.Id(createdAt, sequence), createdAt, Author(r), string.Empty, [], lang, kind, subject)
            : new SyntheticPost(XSnowflake.Id(createdAt, sequence), createdAt, Author(r), text, hashtags, lang, kind, subject);
    }

    private static SyntheticAuthor Author(Random r)
    {
        var id = r.Next(1_000_000, 1_400_000_000);
        return new SyntheticAuthor(id, "user_" + XText.Str(r.Next(100_000, 999_999)));
    }
}
