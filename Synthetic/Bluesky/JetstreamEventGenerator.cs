using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.Synthetic.Bluesky;

/// <summary>
/// Generates Jetstream messages as the real firehose sends them, deterministically from a seed: posts in several
/// scripts with <c>#tag</c>, link and mention facets (byte offsets in UTF-8), replies, quotes and image embeds, reposts
/// and likes of recent posts, deletes, follows and blocks, identity and account events and the odd unknown kind, in
/// <see cref="JetstreamEventMix"/> proportions. <c>time_us</c> advances at the given rate and, as on the real stream,
/// is not strictly ordered; a share of posts mention a catalogue show by name or hashtag. JSON is written as Go writes
/// it (keys of a record in order, <c>&amp;</c> as <c>\u0026</c>).
/// </summary>
public sealed class JetstreamEventGenerator
{
    private const string Base32Alphabet = JetstreamJson.Base32Alphabet;
    private const int RecentPostCount = 4096;

    private readonly Random _random;
    private readonly JetstreamEventMix _mix;
    private readonly (EventKind Kind, double Weight)[] _kinds;
    private readonly IReadOnlyList<Show> _shows;
    private readonly string[] _accounts;
    private readonly (string Uri, string Cid)[] _recentPosts = new (string, string)[RecentPostCount];
    private readonly long _stepUs;
    private int _recentCount;
    private long _sequence = 30_340_180_000;

    /// <param name="catalogue">The shows some posts mention.</param>
    /// <param name="seed">The same seed gives the same events.</param>
    /// <param name="mix">The shares of each kind; <see cref="JetstreamEventMix.PostsAndReposts"/> by default.</param>
    /// <param name="start">The first event's time.</param>
    /// <param name="eventsPerSecond">How fast <c>time_us</c> advances.</param>
    /// <param name="accounts">How many distinct accounts post.</param>
    /// <param name="mentionPool">The shows a mentioning post picks from, uniformly (a show listed n times is n times as likely); the catalogue's shows by default.</param>
    public JetstreamEventGenerator(ShowCatalogue catalogue, int seed, JetstreamEventMix? mix = null, DateTimeOffset? start = null, double eventsPerSecond = 500, int accounts = 20_000, IReadOnlyList<Show>? mentionPool = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(eventsPerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(accounts, 1);
        _random = new Random(seed);
        _mix = mix ?? JetstreamEventMix.PostsAndReposts;
        _kinds =
        [
            (EventKind.Post, _mix.Posts), (EventKind.Repost, _mix.Reposts), (EventKind.PostDelete, _mix.PostDeletes),
            (EventKind.RepostDelete, _mix.RepostDeletes), (EventKind.Like, _mix.Likes), (EventKind.Follow, _mix.Follows),
            (EventKind.Block, _mix.Blocks), (EventKind.Identity, _mix.Identity), (EventKind.Account, _mix.Account),
            (EventKind.Unknown, _mix.UnknownKinds),
        ];
        _shows = mentionPool is { Count: > 0 } ? mentionPool : catalogue.Shows;
        _accounts = [.. Enumerable.Range(0, accounts).Select(_ => "did:plc:" + Random32(Base32Alphabet, 24))];
        _stepUs = (long)(1_000_000 / eventsPerSecond);
        TimeUs = (start ?? new DateTimeOffset(2026, 5, 25, 14, 0, 0, TimeSpan.Zero)).ToUnixTimeMilliseconds() * 1000;
    }

    /// <summary>The generator's clock: the latest event's time before its jitter.</summary>
    public long TimeUs { get; private set; }

    private enum EventKind
    {
        Post,
        Repost,
        PostDelete,
        RepostDelete,
        Like,
        Follow,
        Block,
        Identity,
        Account,
        Unknown,
    }

    /// <summary>The next message, UTF-8 JSON as one WebSocket text frame carries it.</summary>
    public byte[] Next() => Encoding.UTF8.GetBytes(NextJson());

    /// <summary>The next message as a string.</summary>
    public string NextJson()
    {
        TimeUs += _stepUs / 2 + _random.NextInt64(_stepUs + 1);
        var timeUs = TimeUs - _random.NextInt64(30_000); // relayed a little out of order
        var did = _accounts[_random.Next(_accounts.Length)];
        return Pick() switch
        {
            EventKind.Post => Post(did, timeUs),
            EventKind.Repost => Commit(did, timeUs, "create", "app.bsky.feed.repost", Tid(timeUs), SubjectRecord("app.bsky.feed.repost", timeUs)),
            EventKind.Like => Commit(did, timeUs, "create", "app.bsky.feed.like", Tid(timeUs), SubjectRecord("app.bsky.feed.like", timeUs)),
            EventKind.PostDelete => Commit(did, timeUs, "delete", "app.bsky.feed.post", Tid(timeUs - _random.NextInt64(86_400_000_000)), record: null),
            EventKind.RepostDelete => Commit(did, timeUs, "delete", "app.bsky.feed.repost", Tid(timeUs - _random.NextInt64(86_400_000_000)), record: null),
            EventKind.Follow => Commit(did, timeUs, "create", "app.bsky.graph.follow", Tid(timeUs), DidRecord("app.bsky.graph.follow", timeUs)),
            EventKind.Block => Commit(did, timeUs, "create", "app.bsky.graph.block", Tid(timeUs), DidRecord("app.bsky.graph.block", timeUs)),
            EventKind.Identity => Envelope(did, timeUs, "identity").AppendName("identity").Append("{\"did\":").AppendString(did)
                .Append(",\"handle\":").AppendString(Handle()).Append(",\"seq\":").AppendNumber(++_sequence)
                .Append(",\"time\":").AppendString(Iso(timeUs - 300_000)).Append("}}").ToString(),
            EventKind.Account => Envelope(did, timeUs, "account").AppendName("account").Append("{\"active\":").Append(_random.Next(10) > 0 ? "true" : "false")
                .Append(",\"did\":").AppendString(did).Append(",\"seq\":").AppendNumber(++_sequence)
                .Append(",\"time\":").AppendString(Iso(timeUs - 300_000)).Append("}}").ToString(),
            _ => Envelope(did, timeUs, "sync").AppendName("sync").Append("{\"did\":").AppendString(did)
                .Append(",\"rev\":").AppendString(Tid(timeUs)).Append(",\"seq\":").AppendNumber(++_sequence).Append("}}").ToString(),
        };
    }

    /// <summary>The next <paramref name="count"/> messages.</summary>
    public IEnumerable<byte[]> Take(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private EventKind Pick()
    {
        var total = 0.0;
        foreach (var (_, weight) in _kinds)
        {
            total += weight;
        }

        var roll = _random.NextDouble() * total;
        foreach (var (kind, weight) in _kinds)
        {
            roll -= weight;
            if (roll < 0)
            {
                return kind;
            }
        }

        return EventKind.Post;
    }

    private string Post(string did, long timeUs)
    {
        var rkey = Tid(timeUs - _random.NextInt64(2_000_000));
        var cid = Cid();
        var record = PostRecord(timeUs);
        Remember($"at://{did}/app.bsky.feed.post/{rkey}", cid);
        return Commit(did, timeUs, _random.Next(500) == 0 ? "update" : "create", "app.bsky.feed.post", rkey, record, cid);
    }

    /// <summary>A post record; keys in the order Jetstream writes them ($type, createdAt, embed, facets, langs, reply, text).</summary>
    private string PostRecord(long timeUs)
    {
        var (lang, text, facets) = PostText();
        var json = new StringBuilder(512).Append("{\"$type\":\"app.bsky.feed.post\",\"createdAt\":").AppendString(CreatedAt(timeUs));
        var embed = _random.Next(100);
        if (embed < 15)
        {
            json.Append(",\"embed\":{\"$type\":\"app.bsky.embed.images\",\"images\":[{\"alt\":\"\",\"aspectRatio\":{\"height\":1500,\"width\":2000},\"image\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"bafkrei")
                .Append(Random32(Base32Alphabet, 52)).Append("\"},\"mimeType\":\"image/jpeg\",\"size\":").AppendNumber(100_000 + _random.Next(900_000)).Append("}}]}");
        }
        else if (embed < 20 && _recentCount > 0)
        {
            var (uri, cid) = Recent();
            json.Append(",\"embed\":{\"$type\":\"app.bsky.embed.record\",\"record\":{\"cid\":").AppendString(cid).Append(",\"uri\":").AppendString(uri).Append("}}");
        }

        if (facets.Length > 0)
        {
            json.Append(",\"facets\":[").Append(facets).Append(']');
        }

        var langs = _random.Next(100);
        if (langs < 85)
        {
            json.Append(",\"langs\":[").AppendString(lang == "en" && langs < 5 ? "en-US" : lang).Append(']');
        }

        if (_random.Next(100) < 30 && _recentCount > 0)
        {
            var (parentUri, parentCid) = Recent();
            var (rootUri, rootCid) = _random.Next(2) == 0 ? (parentUri, parentCid) : Recent();
            json.Append(",\"reply\":{\"parent\":{\"cid\":").AppendString(parentCid).Append(",\"uri\":").AppendString(parentUri)
                .Append("},\"root\":{\"cid\":").AppendString(rootCid).Append(",\"uri\":").AppendString(rootUri).Append("}}");
        }

        return json.Append(",\"text\":").AppendString(text).Append('}').ToString();
    }

    /// <summary>A post's language, text and facets (JSON array items), offsets counted in UTF-8 bytes.</summary>
    private (string Lang, string Text, string Facets) PostText()
    {
        var (lang, sentences) = BlueskyTexts.Languages[PickLanguage()];
        var text = new StringBuilder(256);
        var facets = new StringBuilder();
        if (_random.Next(100) < 5)
        {
            var handle = Handle();
            AddFacet(facets, 0, Encoding.UTF8.GetByteCount(handle) + 1, "mention", "did", _accounts[_random.Next(_accounts.Length)]);
            text.Append('@').Append(handle).Append(' ');
        }

        for (var n = 1 + _random.Next(3); n > 0; n--)
        {
            text.Append(sentences[_random.Next(sentences.Length)]).Append(' ');
        }

        if (_random.NextDouble() < _mix.ShowMentionShare)
        {
            MentionShow(text, facets);
        }

        for (var n = _random.Next(100) < 20 ? 1 + _random.Next(3) : 0; n > 0; n--)
        {
            AppendTag(text, facets, BlueskyTexts.Hashtags[_random.Next(BlueskyTexts.Hashtags.Length)]);
        }

        if (_random.Next(100) < 8)
        {
            var url = $"https://example.com/articles/{_random.Next(100_000)}?utm_source=bsky&utm_medium=social";
            var start = Encoding.UTF8.GetByteCount(text.ToString());
            var shown = url[8..Math.Min(url.Length, 38)] + "...";
            AddFacet(facets, start, start + Encoding.UTF8.GetByteCount(shown), "link", "uri", url);
            text.Append(shown);
        }

        return (lang, text.ToString().TrimEnd(), facets.ToString());
    }

    private void MentionShow(StringBuilder text, StringBuilder facets)
    {
        var show = _shows[_random.Next(_shows.Count)];
        if (_random.Next(2) == 0)
        {
            var name = _random.Next(3) switch
            {
                0 => show.Name.ToLowerInvariant(),
                1 => show.Name.Replace('\'', '’'),
                _ => show.Name,
            };
            text.Append(string.Format(CultureInfo.InvariantCulture, BlueskyTexts.ShowPhrases[_random.Next(BlueskyTexts.ShowPhrases.Length)], name)).Append(' ');
        }
        else
        {
            AppendTag(text, facets, show.Hashtag.TrimStart('#'));
        }
    }

    private void AppendTag(StringBuilder text, StringBuilder facets, string tag)
    {
        var start = Encoding.UTF8.GetByteCount(text.ToString());
        AddFacet(facets, start, start + 1 + Encoding.UTF8.GetByteCount(tag), "tag", "tag", tag);
        text.Append('#').Append(tag).Append(' ');
    }

    private static void AddFacet(StringBuilder facets, int byteStart, int byteEnd, string feature, string property, string value) =>
        JetstreamJson.AddFacet(facets, byteStart, byteEnd, feature, property, value);

    private string SubjectRecord(string type, long timeUs)
    {
        var (uri, cid) = _recentCount > 0 ? Recent() : ($"at://{_accounts[0]}/app.bsky.feed.post/{Tid(timeUs - 60_000_000)}", Cid());
        return new StringBuilder(256).Append("{\"$type\":").AppendString(type).Append(",\"createdAt\":").AppendString(CreatedAt(timeUs))
            .Append(",\"subject\":{\"cid\":").AppendString(cid).Append(",\"uri\":").AppendString(uri).Append("}}").ToString();
    }

    private string DidRecord(string type, long timeUs) =>
        new StringBuilder(160).Append("{\"$type\":").AppendString(type).Append(",\"createdAt\":").AppendString(CreatedAt(timeUs))
            .Append(",\"subject\":").AppendString(_accounts[_random.Next(_accounts.Length)]).Append('}').ToString();

    private string Commit(string did, long timeUs, string operation, string collection, string rkey, string? record, string? cid = null) =>
        JetstreamJson.Commit(did, timeUs, Tid(timeUs), operation, collection, rkey, record, record is null ? null : cid ?? Cid());

    private static StringBuilder Envelope(string did, long timeUs, string kind) => JetstreamJson.Envelope(did, timeUs, kind);

    private void Remember(string uri, string cid)
    {
        _recentPosts[_recentCount % RecentPostCount] = (uri, cid);
        _recentCount++;
    }

    private (string Uri, string Cid) Recent() => _recentPosts[_random.Next(Math.Min(_recentCount, RecentPostCount))];

    private int PickLanguage()
    {
        var roll = _random.NextDouble() * BlueskyTexts.LanguageWeights.Sum();
        for (var i = 0; i < BlueskyTexts.LanguageWeights.Length; i++)
        {
            roll -= BlueskyTexts.LanguageWeights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>The client's createdAt: a moment before the relay, or (imported posts) years before.</summary>
    private string CreatedAt(long timeUs) => Iso(_random.Next(200) == 0 ? timeUs - _random.NextInt64(3 * 365L * 86_400_000_000) : timeUs - _random.NextInt64(3_000_000));

    private static string Iso(long timeUs) => JetstreamJson.Iso(timeUs);

    private string Tid(long timeUs) => JetstreamJson.Tid(timeUs, _random.Next(1024));

    private string Cid() => JetstreamJson.Cid(_random);

    private string Handle() => Random32(Base32Alphabet[..26], 4 + _random.Next(8)) + ".bsky.social";

    private string Random32(string alphabet, int length) => JetstreamJson.Random32(_random, alphabet, length);
}
