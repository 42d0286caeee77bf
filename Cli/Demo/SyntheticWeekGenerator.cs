using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.Cli.Demo;

/// <summary>
/// Generates a realistic synthetic week of raw X posts and TMDB snapshots for the tracked shows,
/// deterministically from a seed. Volumes per show are heavy-tailed (Zipf over a seeded order of
/// the catalogue) with weekday and noise factors; a few shows get an injected spike on a known day.
/// Posts are raw payloads as the APIs deliver them: X v1.1 statuses (plain, extended with
/// <c>extended_tweet</c>, retweets with <c>retweeted_status</c>, quotes) and X v2 stream envelopes
/// (plain, long posts with <c>note_tweet</c>, retweets with <c>referenced_tweets</c> + <c>includes</c>,
/// quotes), HTML-escaped text, emoji, curly apostrophes, several languages, hashtags and text
/// mentions, and a few duplicate deliveries. TMDB snapshots are <c>/3/tv/{id}</c> objects with
/// <c>query_datetime</c>, popularity drifting day to day.
/// </summary>
public sealed class SyntheticWeekGenerator
{
    private const long TwitterEpochMs = 1288834974657;
    private const double UntrackedShare = 0.08;

    private static readonly string[] EnglishMentions =
    [
        "Can’t believe what just happened on {0} 😱",
        "{0} tonight was everything 🔥🔥",
        "Rewatching {0} for the third time and it still hits",
        "who else is watching {0} right now??",
        "that ending of {0} … I’m not okay 😭",
        "{0} deserves every award, no notes",
        "ok {0} really said \"plot twist\" & meant it",
        "my mom finally started {0} and she’s hooked 😂",
    ];

    private static readonly (string Lang, string Template)[] OtherMentions =
    [
        ("es", "No puedo dejar de ver {0} 😍"),
        ("pt", "Alguém mais assistindo {0} hoje? 👀"),
        ("fr", "J’adore {0}, quelle saison !"),
        ("ja", "{0} 最高すぎる…！"),
        ("ar", "مسلسل {0} رائع جدا"),
        ("de", "{0} ist einfach großartig"),
    ];

    private static readonly string[] HashtagOnly =
    [
        "Episode night! {0} 🍿",
        "{0} is back and I’m screaming",
        "Thread 🧵 {0}",
        "{0} > everything else on tv",
        "can we talk about {0} 👇",
    ];

    private static readonly string[] Untracked =
    [
        "Just finished my tea ☕ #MondayMotivation",
        "#TVTime what should I watch next? drop recs",
        "Watching the game tonight #NFL 🏈",
        "new phone who dis",
        "nothing good on tv tonight, going to bed 😴",
        "Cooking show marathon &lt;3 #foodie",
    ];

    private const string LongFiller =
        "Okay so I finally caught up and I have so many thoughts about the writing, the pacing, the soundtrack and honestly the cinematography this season, " +
        "but mostly I want to talk about how every single character got a moment to shine and how the final scene tied the whole arc together in a way " +
        "that felt earned instead of rushed, which almost never happens anymore. Anyway, full rant below and yes I will be rewatching it this weekend: ";

    private static readonly (int Id, string Name)[] Genres =
    [
        (10759, "Action & Adventure"), (16, "Animation"), (35, "Comedy"), (80, "Crime"), (18, "Drama"), (10751, "Family"),
        (9648, "Mystery"), (10765, "Sci-Fi & Fantasy"), (10766, "Soap"), (10768, "War & Politics"), (37, "Western"),
    ];

    private static readonly (int Id, string Name, string Country)[] Networks =
    [
        (213, "Netflix", ""), (49, "HBO", "US"), (2, "ABC", "US"), (16, "CBS", "US"), (6, "NBC", "US"), (19, "FOX", "US"),
        (71, "The CW", "US"), (174, "AMC", "US"), (2739, "Disney+", "US"), (1024, "Prime Video", ""), (453, "Hulu", "US"), (56, "Cartoon Network", "US"),
    ];

    // X and TMDB send UTF-8 text unescaped (emoji, ’, &amp;); System.Text.Json would escape them as \uXXXX by default.
    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

        return new SyntheticWeekFiles(postFiles, tmdbFiles, Spikes, lines);
    }

    /// <summary>The posts created on <paramref name="date"/>, one raw payload a line, in created_at order.</summary>
    public IEnumerable<string> PostLines(DateOnly date)
    {
        var day = DayIndex(date);
        var random = new Random(HashCode.Combine(_options.Seed, day, 1));
        var planned = new List<(DateTimeOffset CreatedAt, Show? Show)>();
        for (var rank = 0; rank < _shows.Count; rank++)
        {
            var show = _shows[rank];
            var count = _spikes.TryGetValue((day, show.Id), out var spike)
                ? spike.PlannedCount
                : (int)Math.Round(_expected[rank] * WeekdayFactor(date) * Math.Exp(Normal(random) * 0.12));
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
            var line = Post(random, createdAt, show, ref sequence);
            yield return line;
            if (random.NextDouble() < 0.005)
            {
                yield return line; // streams deliver duplicates; the same id is one post
            }
        }
    }

    /// <summary>The TMDB snapshot of <paramref name="date"/>: one <c>/3/tv/{id}</c> object a line plus <c>query_datetime</c>.</summary>
    public IEnumerable<string> TmdbLines(DateOnly date)
    {
        var day = DayIndex(date);
        for (var rank = 0; rank < _shows.Count; rank++)
        {
            var show = _shows[rank];
            var stable = new Random(HashCode.Combine(_options.Seed, show.Id, 2));
            var popularity = Math.Round(PopularityOn(rank, day), 3);
            var genres = new JsonArray();
            foreach (var genre in Enumerable.Range(0, 1 + stable.Next(3)).Select(_ => Genres[stable.Next(Genres.Length)]).Distinct())
            {
                genres.Add(new JsonObject { ["id"] = genre.Id, ["name"] = genre.Name });
            }

            var network = Networks[stable.Next(Networks.Length)];
            var seasons = 1 + stable.Next(12);
            var episodesPerSeason = 6 + stable.Next(18);
            var firstAir = new DateOnly(1995 + stable.Next(26), 1 + stable.Next(12), 1 + stable.Next(28));
            var voteCount = 200 + stable.Next(15000) + (day * stable.Next(20));
            var name = TmdbName(show);
            var query = date.ToDateTime(new TimeOnly(6, 0)).AddSeconds((rank * 3) + stable.Next(3));
            var item = new JsonObject
            {
                ["adult"] = false,
                ["backdrop_path"] = $"/{Token(stable, 27)}.jpg",
                ["created_by"] = new JsonArray(),
                ["episode_run_time"] = new JsonArray(),
                ["first_air_date"] = stable.Next(20) == 0 ? "" : Iso(firstAir),
                ["genres"] = genres,
                ["homepage"] = "",
                ["id"] = show.Id,
                ["in_production"] = stable.Next(2) == 0,
                ["languages"] = new JsonArray("en"),
                ["last_air_date"] = Iso(date.AddDays(-stable.Next(400))),
                ["name"] = name,
                ["networks"] = new JsonArray(new JsonObject
                {
                    ["id"] = network.Id,
                    ["logo_path"] = $"/{Token(stable, 27)}.png",
                    ["name"] = network.Name,
                    ["origin_country"] = network.Country,
                }),
                ["next_episode_to_air"] = null,
                ["number_of_episodes"] = seasons * episodesPerSeason,
                ["number_of_seasons"] = seasons,
                ["origin_country"] = new JsonArray("US"),
                ["original_language"] = "en",
                ["original_name"] = show.OriginalName ?? name,
                ["overview"] = $"{name} is a series tracked by TrendingTv.",
                ["popularity"] = popularity,
                ["poster_path"] = $"/{Token(stable, 27)}.jpg",
                ["production_companies"] = new JsonArray(),
                ["seasons"] = new JsonArray(),
                ["status"] = "Returning Series",
                ["tagline"] = "",
                ["type"] = "Scripted",
                ["vote_average"] = Math.Round(5.5 + (stable.NextDouble() * 3.5), 3),
                ["vote_count"] = voteCount,
                ["query_datetime"] = query.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            };
            yield return item.ToJsonString(JsonOptions);
        }
    }

    private static string TmdbName(Show show) => show.Name switch
    {
        "Dark Netflix" => "Dark",
        "Arrow CW" => "Arrow",
        "Blindspot NBC" => "Blindspot",
        "Chernobyl HBO" => "Chernobyl",
        "Utopia Amazon" => "Utopia",
        "The Office TV" => "The Office",
        "Survivor CBS" => "Survivor",
        "The Purge TV" => "The Purge",
        var name => name,
    };

    private double PopularityOn(int rank, int day)
    {
        var random = new Random(HashCode.Combine(_options.Seed, _shows[rank].Id, 3));
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

    private string Post(Random random, DateTimeOffset createdAt, Show? show, ref int sequence)
    {
        var id = SnowflakeId(createdAt, sequence++);
        var (lang, text, hashtags) = show is null ? UntrackedText(random) : ShowText(random, show);
        var roll = random.NextDouble();
        var v2 = random.NextDouble() < 0.6;
        var userId = 100000 + random.Next(9_000_000);
        if (roll < 0.22)
        {
            // A retweet: the show is mentioned by the original post, created earlier.
            var originalAt = createdAt.AddMinutes(-random.Next(1, 600));
            var originalId = SnowflakeId(originalAt, 0x300000 + random.Next(0xFFFF));
            var author = "fan" + random.Next(10000).ToString(CultureInfo.InvariantCulture);
            var longOriginal = random.NextDouble() < 0.25;
            var originalText = longOriginal ? LongFiller + text : text;
            return v2
                ? V2Retweet(id, createdAt, userId, author, originalId, originalAt, originalText, hashtags, lang, longOriginal)
                : V1Retweet(id, createdAt, userId, author, originalId, originalAt, originalText, hashtags, lang);
        }

        if (roll < 0.30)
        {
            // A quote: the quoting post's own text mentions the show; the quoted post is unrelated.
            var quotedAt = createdAt.AddMinutes(-random.Next(1, 300));
            var quotedId = SnowflakeId(quotedAt, 0x310000 + random.Next(0xFFFF));
            var (_, quotedText, quotedTags) = UntrackedText(random);
            return v2
                ? V2Quote(id, createdAt, userId, text, hashtags, lang, quotedId, quotedAt, quotedText, quotedTags)
                : V1Quote(id, createdAt, userId, text, hashtags, lang, quotedId, quotedAt, quotedText, quotedTags);
        }

        if (roll < 0.40)
        {
            // A long post: the mention and hashtags come after the part the truncated text shows.
            return v2
                ? V2(id, createdAt, userId, LongFiller + text, hashtags, lang, longPost: true)
                : V1Extended(id, createdAt, userId, LongFiller + text, hashtags, lang);
        }

        return v2 ? V2(id, createdAt, userId, text, hashtags, lang, longPost: false) : V1(id, createdAt, userId, text, hashtags, lang);
    }

    private static (string Lang, string Text, IReadOnlyList<string> Hashtags) ShowText(Random random, Show show)
    {
        var mode = random.NextDouble();
        var hashtag = show.Hashtag.Trim();
        var useText = show.TextMatch && mode >= 0.45;
        var useHashtag = !useText || mode >= 0.8;
        var tag = HashtagVariant(random, hashtag);
        if (!useText)
        {
            var template = HashtagOnly[random.Next(HashtagOnly.Length)];
            return ("en", string.Format(CultureInfo.InvariantCulture, template, tag), [tag[1..]]);
        }

        var name = NameVariant(random, show.Phrase ?? show.Name);
        string lang, text;
        if (random.NextDouble() < 0.25)
        {
            (lang, var template) = OtherMentions[random.Next(OtherMentions.Length)];
            text = string.Format(CultureInfo.InvariantCulture, template, name);
        }
        else
        {
            lang = "en";
            text = string.Format(CultureInfo.InvariantCulture, EnglishMentions[random.Next(EnglishMentions.Length)], name);
        }

        return useHashtag ? (lang, text + " " + tag, [tag[1..]]) : (lang, text, []);
    }

    private static (string Lang, string Text, IReadOnlyList<string> Hashtags) UntrackedText(Random random)
    {
        var text = Untracked[random.Next(Untracked.Length)];
        var tags = text.Split(' ').Where(w => w.StartsWith('#')).Select(w => w[1..]).ToArray();
        return ("en", System.Net.WebUtility.HtmlDecode(text), tags);
    }

    private static string HashtagVariant(Random random, string hashtag)
    {
        var roll = random.NextDouble();
        if (roll < 0.15)
        {
            return hashtag.ToLowerInvariant();
        }

        if (roll < 0.3 && hashtag.StartsWith("#The", StringComparison.Ordinal) && hashtag.Length > 5)
        {
            return "#" + hashtag[4..]; // #TheMandalorian written as #Mandalorian
        }

        return hashtag;
    }

    private static string NameVariant(Random random, string name)
    {
        var roll = random.NextDouble();
        if (roll < 0.15)
        {
            return name.ToLowerInvariant();
        }

        if (roll < 0.5)
        {
            return name.Replace('\'', '’'); // curly apostrophe
        }

        return name;
    }

    private static JsonArray V2Hashtags(string text, IEnumerable<string> tags)
    {
        var array = new JsonArray();
        foreach (var tag in tags)
        {
            var start = text.IndexOf("#" + tag, StringComparison.Ordinal);
            if (start >= 0)
            {
                array.Add(new JsonObject { ["start"] = start, ["end"] = start + tag.Length + 1, ["tag"] = tag });
            }
        }

        return array;
    }

    private static JsonArray V1Hashtags(string text, IEnumerable<string> tags)
    {
        var array = new JsonArray();
        foreach (var tag in tags)
        {
            var start = text.IndexOf("#" + tag, StringComparison.Ordinal);
            if (start >= 0)
            {
                array.Add(new JsonObject { ["text"] = tag, ["indices"] = new JsonArray(start, start + tag.Length + 1) });
            }
        }

        return array;
    }

    private static JsonObject V2Tweet(long id, DateTimeOffset createdAt, long authorId, string text, IReadOnlyList<string> tags, string lang, bool longPost)
    {
        var shown = longPost ? Truncate(text, 275) : text;
        var tweet = new JsonObject
        {
            ["id"] = Str(id),
            ["text"] = Escape(shown),
            ["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["author_id"] = Str(authorId),
            ["lang"] = lang,
            ["edit_history_tweet_ids"] = new JsonArray(Str(id)),
        };
        var visibleTags = V2Hashtags(shown, tags);
        if (visibleTags.Count > 0)
        {
            tweet["entities"] = new JsonObject { ["hashtags"] = visibleTags };
        }

        if (longPost)
        {
            tweet["note_tweet"] = new JsonObject { ["text"] = Escape(text), ["entities"] = new JsonObject { ["hashtags"] = V2Hashtags(text, tags) } };
        }

        return tweet;
    }

    private static string V2(long id, DateTimeOffset createdAt, long userId, string text, IReadOnlyList<string> tags, string lang, bool longPost) =>
        Envelope(V2Tweet(id, createdAt, userId, text, tags, lang, longPost), null).ToJsonString(JsonOptions);

    private static string V2Retweet(long id, DateTimeOffset createdAt, long userId, string author, long originalId, DateTimeOffset originalAt, string originalText, IReadOnlyList<string> tags, string lang, bool longOriginal)
    {
        var retweetText = Truncate($"RT @{author}: {originalText}", 140);
        var data = V2Tweet(id, createdAt, userId, retweetText, tags, lang, longPost: false);
        data["referenced_tweets"] = new JsonArray(new JsonObject { ["type"] = "retweeted", ["id"] = Str(originalId) });
        var original = V2Tweet(originalId, originalAt, 42_000_000 + author.Length, originalText, tags, lang, longOriginal);
        return Envelope(data, new JsonObject { ["tweets"] = new JsonArray(original) }).ToJsonString(JsonOptions);
    }

    private static string V2Quote(long id, DateTimeOffset createdAt, long userId, string text, IReadOnlyList<string> tags, string lang, long quotedId, DateTimeOffset quotedAt, string quotedText, IReadOnlyList<string> quotedTags)
    {
        var data = V2Tweet(id, createdAt, userId, text + " https://t.co/" + Str(quotedId % 9_999_991), tags, lang, longPost: false);
        data["referenced_tweets"] = new JsonArray(new JsonObject { ["type"] = "quoted", ["id"] = Str(quotedId) });
        var quoted = V2Tweet(quotedId, quotedAt, 77_000_000, quotedText, quotedTags, "en", longPost: false);
        return Envelope(data, new JsonObject { ["tweets"] = new JsonArray(quoted) }).ToJsonString(JsonOptions);
    }

    private static JsonObject Envelope(JsonObject data, JsonObject? includes)
    {
        var envelope = new JsonObject { ["data"] = data };
        if (includes is not null)
        {
            envelope["includes"] = includes;
        }

        envelope["matching_rules"] = new JsonArray(new JsonObject { ["id"] = "1593020813000000001", ["tag"] = "tracked shows" });
        return envelope;
    }

    private static JsonObject V1Status(long id, DateTimeOffset createdAt, long userId, string text, IReadOnlyList<string> tags, string lang)
    {
        var status = new JsonObject
        {
            ["created_at"] = createdAt.UtcDateTime.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture),
            ["id"] = id,
            ["id_str"] = Str(id),
            ["text"] = Escape(text),
            ["source"] = "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
            ["truncated"] = false,
            ["user"] = new JsonObject { ["id"] = userId, ["id_str"] = Str(userId), ["screen_name"] = "viewer" + Str(userId % 100000) },
            ["is_quote_status"] = false,
            ["entities"] = new JsonObject
            {
                ["hashtags"] = V1Hashtags(text, tags),
                ["urls"] = new JsonArray(),
                ["user_mentions"] = new JsonArray(),
                ["symbols"] = new JsonArray(),
            },
            ["lang"] = lang,
            ["timestamp_ms"] = Str(createdAt.ToUnixTimeMilliseconds()),
        };
        return status;
    }

    private static string V1(long id, DateTimeOffset createdAt, long userId, string text, IReadOnlyList<string> tags, string lang) =>
        V1Status(id, createdAt, userId, text, tags, lang).ToJsonString(JsonOptions);

    private static JsonObject V1ExtendedStatus(long id, DateTimeOffset createdAt, long userId, string text, IReadOnlyList<string> tags, string lang)
    {
        var shown = Truncate(text, 116) + " https://t.co/" + Str(id % 9_999_991);
        var status = V1Status(id, createdAt, userId, shown, tags, lang);
        status["truncated"] = true;
        status["extended_tweet"] = new JsonObject
        {
            ["full_text"] = Escape(text),
            ["display_text_range"] = new JsonArray(0, text.Length),
            ["entities"] = new JsonObject { ["hashtags"] = V1Hashtags(text, tags), ["urls"] = new JsonArray(), ["user_mentions"] = new JsonArray() },
        };
        return status;
    }

    private static string V1Extended(long id, DateTimeOffset createdAt, long userId, string text, IReadOnlyList<string> tags, string lang) =>
        V1ExtendedStatus(id, createdAt, userId, text, tags, lang).ToJsonString(JsonOptions);

    private static string V1Retweet(long id, DateTimeOffset createdAt, long userId, string author, long originalId, DateTimeOffset originalAt, string originalText, IReadOnlyList<string> tags, string lang)
    {
        // The top-level text of a v1.1 retweet is cut with "…" although truncated is false; the full text is in retweeted_status.
        var original = originalText.Length > 140
            ? V1ExtendedStatus(originalId, originalAt, 42_000_000, originalText, tags, lang)
            : V1Status(originalId, originalAt, 42_000_000, originalText, tags, lang);
        var status = V1Status(id, createdAt, userId, Truncate($"RT @{author}: {originalText}", 140), tags, lang);
        status["retweeted_status"] = original;
        return status.ToJsonString(JsonOptions);
    }

    private static string V1Quote(long id, DateTimeOffset createdAt, long userId, string text, IReadOnlyList<string> tags, string lang, long quotedId, DateTimeOffset quotedAt, string quotedText, IReadOnlyList<string> quotedTags)
    {
        var status = V1Status(id, createdAt, userId, text, tags, lang);
        status["is_quote_status"] = true;
        status["quoted_status_id"] = quotedId;
        status["quoted_status_id_str"] = Str(quotedId);
        status["quoted_status"] = V1Status(quotedId, quotedAt, 77_000_000, quotedText, quotedTags, "en");
        return status.ToJsonString(JsonOptions);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Token(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[random.Next(62)])]);

    private static long SnowflakeId(DateTimeOffset at, int sequence) =>
        ((at.ToUnixTimeMilliseconds() - TwitterEpochMs) << 22) | (long)(sequence & 0x3FFFFF);

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

    private int DayIndex(DateOnly date)
    {
        var day = date.DayNumber - _options.Start.DayNumber;
        return day >= 0 && day < _options.Days
            ? day
            : throw new ArgumentOutOfRangeException(nameof(date), date, $"{Iso(date)} is outside the synthetic week starting {Iso(_options.Start)}.");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
