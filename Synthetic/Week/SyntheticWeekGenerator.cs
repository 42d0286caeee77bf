using System.Buffers;
using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.Synthetic.Bluesky;
using TrendingTv.Synthetic.Posts;
using TrendingTv.Synthetic.X;

namespace TrendingTv.Synthetic.Week;

/// <summary>
/// A realistic synthetic week of raw X posts and TMDB snapshots for the tracked shows,
/// deterministically from a seed (the same options give the same files, in any process). Volumes per
/// show are heavy-tailed (Zipf over a seeded order of the catalogue) with diurnal, weekday and noise
/// factors; a few shows get an injected spike on a known day. The week is planned as
/// <see cref="SyntheticPost"/>s (<see cref="PlannedPosts"/>: mentions by name and hashtag in several
/// languages, retweets of long originals, quotes, long posts, 8% untracked chatter) and rendered by
/// an <see cref="IPostPayloadEncoder"/> — for X, 60% v2 envelopes and 40% v1.1 statuses, with a few
/// duplicate deliveries. Bluesky's posts are planned the same way at <see cref="SyntheticWeekOptions.BlueskyShare"/> of
/// the volume, from their own random stream, and rendered as Jetstream events (<see cref="BlueskyPayloadEncoder"/>). TMDB snapshots are <c>/3/tv/{id}</c> objects with <c>query_datetime</c>,
/// popularity drifting day to day and jumping with a spike.
/// </summary>
public sealed class SyntheticWeekGenerator
{
    private const double UntrackedShare = 0.08;
    private const double V2Share = 0.6;
    private const double DuplicateShare = 0.005;

    private readonly SyntheticWeekOptions _options;
    private readonly IReadOnlyList<Show> _shows;
    private readonly double[] _expected;
    private readonly Dictionary<(int Day, long Id), InjectedSpike> _spikes = [];

    public SyntheticWeekGenerator(SyntheticWeekOptions options, ShowCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalogue);
        _options = options;

        // Heavy tail: Zipf weights over a seeded shuffle of the catalogue; _shows is in volume-rank order.
        var random = new Random(options.Seed);
        _shows = [.. catalogue.Shows.OrderBy(_ => random.Next())];
        var weights = Enumerable.Range(1, _shows.Count).Select(rank => 1 / Math.Pow(rank, 1.05)).ToArray();
        var total = weights.Sum();
        _expected = weights.Select(w => options.PostsPerDay * w / total).ToArray();

        foreach (var (day, rank) in options.Spikes)
        {
            if (day < 0 || day >= options.Days || rank < 1 || rank > _shows.Count)
            {
                throw new ArgumentException($"Spike (day {day}, rank {rank}) is outside the week of {options.Days} days or the catalogue of {_shows.Count} shows.", nameof(options));
            }

            var show = _shows[rank - 1];
            var date = options.Start.AddDays(day);
            var baseline = _expected[rank - 1] * WeekdayFactor(date);
            _spikes[(day, show.Id)] = new InjectedSpike(show.Id, show.Name, date, options.SpikeMultiplier, (int)Math.Round(baseline * options.SpikeMultiplier), baseline);
        }
    }

    /// <summary>The injected spikes, by date.</summary>
    public IReadOnlyList<InjectedSpike> Spikes => [.. _spikes.Values.OrderBy(s => s.Date)];

    /// <summary>The shows in volume-rank order (the first is the most posted about).</summary>
    public IReadOnlyList<Show> ShowsByVolume => _shows;

    /// <summary>The dates of the week.</summary>
    public IReadOnlyList<DateOnly> Dates => [.. Enumerable.Range(0, _options.Days).Select(_options.Start.AddDays)];

    /// <summary>Writes the week under <paramref name="directory"/>: <c>posts/YYYY-MM-DD.jsonl</c> and <c>tmdb_raw/YYYY-MM-DD.json</c>.</summary>
    public async Task<SyntheticWeekFiles> WriteAsync(string directory, IProgress<DateOnly>? progress = null, CancellationToken cancellationToken = default)
    {
        var posts = Directory.CreateDirectory(Path.Combine(directory, "posts")).FullName;
        var tmdb = Directory.CreateDirectory(Path.Combine(directory, "tmdb_raw")).FullName;
        var postFiles = new List<string>();
        var tmdbFiles = new Dictionary<DateOnly, string>();
        long lines = 0;
        foreach (var date in Dates)
        {
            var postFile = Path.Combine(posts, Iso(date) + ".jsonl");
            await using (var writer = new StreamWriter(postFile, false, new UTF8Encoding(false)))
            {
                writer.NewLine = "\n";
                foreach (var line in PostLines(date))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await writer.WriteLineAsync(line);
                    lines++;
                }
            }

            var tmdbFile = Path.Combine(tmdb, Iso(date) + ".json");
            await File.WriteAllLinesAsync(tmdbFile, TmdbLines(date), new UTF8Encoding(false), cancellationToken);
            postFiles.Add(postFile);
            tmdbFiles[date] = tmdbFile;
            progress?.Report(date);
        }

        var (bluesky, blueskyLines) = await WriteBlueskyAsync(directory, cancellationToken);
        return new SyntheticWeekFiles(postFiles, tmdbFiles, Spikes, lines, bluesky, blueskyLines);
    }

    /// <summary>The Bluesky events of the posts created on <paramref name="date"/>, one Jetstream message a line, in created order.</summary>
    public IEnumerable<string> BlueskyEventLines(DateOnly date) =>
        Render(PlanPosts(date, _options.BlueskyShare, stream: 5), new BlueskyPayloadEncoder(), new Random(Seed(_options.Seed, DayIndex(date), 6)), duplicateShare: 0);

    private async Task<(string? Path, long Lines)> WriteBlueskyAsync(string directory, CancellationToken cancellationToken)
    {
        if (_options.BlueskyShare <= 0)
        {
            return (null, 0);
        }

        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(directory, "bluesky")).FullName, "jetstream.jsonl");
        long lines = 0;
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var date in Dates)
        {
            foreach (var line in BlueskyEventLines(date))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(line);
                lines++;
            }
        }

        return (path, lines);
    }

    /// <summary>The raw X payloads of the posts created on <paramref name="date"/>, one a line, in created_at order, a few delivered twice.</summary>
    public IEnumerable<string> PostLines(DateOnly date) => PostLines(date, new XPayloadEncoder(V2Share, XPayloadDetail.Lean));

    /// <summary>
    /// The posts created on <paramref name="date"/>, rendered by <paramref name="encoder"/>, in
    /// created_at order; streams deliver duplicates, so a few lines come twice. The encoder draws from
    /// its own seeded stream, so every encoder renders the same plan.
    /// </summary>
    public IEnumerable<string> PostLines(DateOnly date, IPostPayloadEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return Render(PlannedPosts(date), encoder, new Random(Seed(_options.Seed, DayIndex(date), 4)), DuplicateShare);
    }

    /// <summary>
    /// The lines of <paramref name="posts"/> as <paramref name="encoder"/> writes them; with a
    /// <paramref name="duplicateShare"/>, a few lines come twice (a stream's duplicate deliveries).
    /// </summary>
    private static IEnumerable<string> Render(IEnumerable<SyntheticPost> posts, IPostPayloadEncoder encoder, Random random, double duplicateShare)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        foreach (var post in posts)
        {
            buffer.ResetWrittenCount();
            encoder.Write(post, random, buffer);
            foreach (var line in Encoding.UTF8.GetString(buffer.WrittenSpan).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return line;
                if (duplicateShare > 0 && random.NextDouble() < duplicateShare)
                {
                    yield return line; // the same id again is one post
                }
            }
        }
    }

    /// <summary>The posts created on <paramref name="date"/>, in created_at order, before any wire format.</summary>
    public IEnumerable<SyntheticPost> PlannedPosts(DateOnly date) => PlanPosts(date, scale: 1, stream: 1);

    /// <summary>The posts of a date at <paramref name="scale"/> times the planned volume, drawn from random stream <paramref name="stream"/>.</summary>
    private IEnumerable<SyntheticPost> PlanPosts(DateOnly date, double scale, int stream)
    {
        var day = DayIndex(date);
        var random = new Random(Seed(_options.Seed, day, stream));
        var planned = new List<(DateTimeOffset CreatedAt, Show? Show)>();
        for (var rank = 0; rank < _shows.Count; rank++)
        {
            var show = _shows[rank];
            var count = _spikes.TryGetValue((day, show.Id), out var spike)
                ? (int)Math.Round(spike.PlannedCount * scale)
                : (int)Math.Round(_expected[rank] * WeekdayFactor(date) * Math.Exp(Normal(random) * 0.12) * scale);
            for (var i = 0; i < count; i++)
            {
                planned.Add((Instant(date, random), show));
            }
        }

        var untracked = (int)(planned.Count * UntrackedShare);
        for (var i = 0; i < untracked; i++)
        {
            planned.Add((Instant(date, random), null));
        }

        var sequence = 0;
        foreach (var (createdAt, show) in planned.OrderBy(p => p.CreatedAt))
        {
            yield return Post(random, createdAt, show, sequence++);
        }
    }

    /// <summary>The TMDB snapshot of <paramref name="date"/>: one <c>/3/tv/{id}</c> object a line plus <c>query_datetime</c>.</summary>
    public IEnumerable<string> TmdbLines(DateOnly date)
    {
        var day = DayIndex(date);
        for (var rank = 0; rank < _shows.Count; rank++)
        {
            var show = _shows[rank];
            yield return TmdbDetailsWriter.Line(show, rank, date, day, PopularityOn(rank, day), new Random(Seed(_options.Seed, show.Id, 2)));
        }
    }

    private double PopularityOn(int rank, int day)
    {
        var random = new Random(Seed(_options.Seed, _shows[rank].Id, 3));
        var popularity = 15 + (1500 / Math.Pow(rank + 1, 0.9) * Math.Exp(Normal(random) * 0.4));
        for (var d = 0; d <= day; d++)
        {
            popularity *= Math.Exp(Normal(random) * 0.04);
            if (_spikes.ContainsKey((d, _shows[rank].Id)))
            {
                popularity *= 1.6;
            }
        }

        return popularity;
    }

    private static SyntheticPost Post(Random random, DateTimeOffset createdAt, Show? show, int sequence)
    {
        var id = XSnowflake.Id(createdAt, sequence);
        var (lang, text, hashtags) = show is null ? PostTextComposer.Untracked(random) : PostTextComposer.ShowMention(random, show);
        var roll = random.NextDouble();
        var userId = 100000 + random.Next(9_000_000);
        var author = new SyntheticAuthor(userId, "viewer" + (userId % 100000).ToString(CultureInfo.InvariantCulture));
        if (roll < 0.22)
        {
            // A retweet: the show is mentioned by the original post, created earlier, a quarter of them long.
            var originalAt = createdAt.AddMinutes(-random.Next(1, 600));
            var fan = random.Next(10000);
            var originalText = random.NextDouble() < 0.25 ? PostVocabulary.LongOpening + text : text;
            var original = new SyntheticPost(XSnowflake.Id(originalAt, 0x300000 + random.Next(0xFFFF)), originalAt,
                new SyntheticAuthor(42_000_000 + fan, "fan" + fan.ToString(CultureInfo.InvariantCulture)), originalText, hashtags, lang);
            return new SyntheticPost(id, createdAt, author, string.Empty, [], lang, SyntheticPostKind.Repost, original);
        }

        if (roll < 0.30)
        {
            // A quote: the quoting post's own text mentions the show; the quoted post is unrelated.
            var quotedAt = createdAt.AddMinutes(-random.Next(1, 300));
            var (quotedLang, quotedText, quotedTags) = PostTextComposer.Untracked(random);
            var quoted = new SyntheticPost(XSnowflake.Id(quotedAt, 0x310000 + random.Next(0xFFFF)), quotedAt, new SyntheticAuthor(77_000_000, "tvnews"), quotedText, quotedTags, quotedLang);
            return new SyntheticPost(id, createdAt, author, text, hashtags, lang, SyntheticPostKind.Quote, quoted);
        }

        // A long post: the mention and hashtags come after the part a truncated text shows.
        return roll < 0.40
            ? new SyntheticPost(id, createdAt, author, PostVocabulary.LongOpening + text, hashtags, lang)
            : new SyntheticPost(id, createdAt, author, text, hashtags, lang);
    }

    private static DateTimeOffset Instant(DateOnly date, Random random)
    {
        // Diurnal curve: more posts in the (US) evening, fewest around 09:00 UTC.
        double second;
        do
        {
            second = random.NextDouble() * 86400;
        }
        while (random.NextDouble() > 0.55 + (0.45 * Math.Cos((second / 86400 * 2 * Math.PI) - (2 * Math.PI * 2 / 24))));
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMilliseconds(Math.Floor(second * 1000));
    }

    private static double WeekdayFactor(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => 1.0,
        DayOfWeek.Tuesday => 0.95,
        DayOfWeek.Wednesday => 1.0,
        DayOfWeek.Thursday => 1.05,
        DayOfWeek.Friday => 1.1,
        DayOfWeek.Saturday => 1.2,
        _ => 1.25,
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // HashCode.Combine is seeded per process; the week must be the same in every process.
    private static int Seed(int seed, long value, int stream) =>
        unchecked((int)((((seed * 1_000_003L) + value) * 7919L) + stream));

    private int DayIndex(DateOnly date)
    {
        var day = date.DayNumber - _options.Start.DayNumber;
        return day >= 0 && day < _options.Days
            ? day
            : throw new ArgumentOutOfRangeException(nameof(date), date, $"{Iso(date)} is outside the synthetic week starting {Iso(_options.Start)}.");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
