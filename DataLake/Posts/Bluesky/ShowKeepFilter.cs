using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// Decides which posts of an unfiltered firehose are worth keeping: those <c>tweet_stat</c> could count, i.e. a
/// hashtag key equal to a tracked show's hashtag key (or its "the" alternate), or a text key that contains a
/// text-matched show's text key as whole words. Built once from the catalogue with the same <see cref="MatchKeys"/>
/// as <c>tweet_stat</c>, so nothing it would count is dropped. <see cref="KeepAll"/> keeps everything.
/// </summary>
/// <remarks>
/// The text test scans the post's text key once: each word's hash is checked against a bitmap of the shows' anchor
/// words (one word per show), and only on a hit is the word looked up and the show keys under it verified with
/// <see cref="MatchKeys.Mentions"/>. Any word of a show's key is a correct anchor, since a post mentioning the show
/// contains all of them; the longest is used, as it is the rarest in practice.
/// </remarks>
public sealed class ShowKeepFilter
{
    private const int BitmapBits = 1 << 16;
    private const uint WordHashSeed = 2166136261;
    private const uint WordHashPrime = 16777619;

    private readonly HashSet<string> _hashtagKeys;
    private readonly Dictionary<string, string[]> _textKeysByAnchor;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _anchorLookup;
    private readonly ulong[] _anchorBitmap = new ulong[BitmapBits / 64];

    private ShowKeepFilter(HashSet<string> hashtagKeys, Dictionary<string, string[]> textKeysByAnchor, bool keepsEverything)
    {
        _hashtagKeys = hashtagKeys;
        _textKeysByAnchor = textKeysByAnchor;
        _anchorLookup = textKeysByAnchor.GetAlternateLookup<ReadOnlySpan<char>>();
        KeepsEverything = keepsEverything;
        foreach (var anchor in textKeysByAnchor.Keys)
        {
            var bit = WordHash(anchor) & (BitmapBits - 1);
            _anchorBitmap[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    /// <summary>Keeps every post (capture everything; the analytics match later).</summary>
    public static ShowKeepFilter KeepAll { get; } = new([], [], keepsEverything: true);

    public bool KeepsEverything { get; }

    /// <summary>Hashtag keys that keep a post (each show's key and its "the" alternate).</summary>
    public int HashtagKeyCount => _hashtagKeys.Count;

    /// <summary>Text keys that keep a post (shows with text matching on and a non-empty key).</summary>
    public int TextKeyCount => _textKeysByAnchor.Values.Sum(keys => keys.Length);

    /// <summary>The filter for a catalogue's shows.</summary>
    public static ShowKeepFilter For(ShowCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var hashtagKeys = new HashSet<string>(StringComparer.Ordinal);
        var byAnchor = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var show in catalogue.Shows)
        {
            hashtagKeys.UnionWith(show.HashtagKeys);
            if (show.TextMatch && show.TextKey.Trim().Length > 0)
            {
                var anchor = LongestWord(show.TextKey);
                if (!byAnchor.TryGetValue(anchor, out var keys))
                {
                    byAnchor[anchor] = keys = [];
                }

                if (!keys.Contains(show.TextKey, StringComparer.Ordinal))
                {
                    keys.Add(show.TextKey);
                }
            }
        }

        hashtagKeys.Remove(string.Empty);
        return new ShowKeepFilter(hashtagKeys, byAnchor.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), keepsEverything: false);
    }

    /// <summary>True when the canonical record could count for a show.</summary>
    public bool Keeps(CanonicalPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return Keeps(post.TextKey, post.Hashtags);
    }

    /// <summary>True when a post with this text key (<see cref="MatchKeys.TextKey"/>) and these hashtag keys could count for a show.</summary>
    public bool Keeps(string textKey, IReadOnlyList<string> hashtagKeys)
    {
        ArgumentNullException.ThrowIfNull(textKey);
        ArgumentNullException.ThrowIfNull(hashtagKeys);
        if (KeepsEverything)
        {
            return true;
        }

        for (var i = 0; i < hashtagKeys.Count; i++)
        {
            if (_hashtagKeys.Contains(hashtagKeys[i]))
            {
                return true;
            }
        }

        return MentionsAShow(textKey);
    }

    private bool MentionsAShow(string textKey)
    {
        var start = 0;
        var hash = WordHashSeed;
        for (var i = 0; i < textKey.Length; i++)
        {
            var c = textKey[i];
            if (c != ' ')
            {
                hash = (hash ^ c) * WordHashPrime;
                continue;
            }

            if (i > start)
            {
                var bit = hash & (BitmapBits - 1);
                if ((_anchorBitmap[bit >> 6] & (1UL << (int)(bit & 63))) != 0
                    && _anchorLookup.TryGetValue(textKey.AsSpan(start, i - start), out var showKeys))
                {
                    foreach (var showKey in showKeys)
                    {
                        if (MatchKeys.Mentions(textKey, showKey))
                        {
                            return true;
                        }
                    }
                }
            }

            start = i + 1;
            hash = WordHashSeed;
        }

        return false;
    }

    /// <summary>FNV-1a over the UTF-16 units of a word, as <see cref="MentionsAShow"/> computes it inline.</summary>
    private static uint WordHash(string word)
    {
        var hash = WordHashSeed;
        foreach (var c in word)
        {
            hash = (hash ^ c) * WordHashPrime;
        }

        return hash;
    }

    private static string LongestWord(string textKey)
    {
        var best = string.Empty;
        foreach (var word in textKey.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length > best.Length)
            {
                best = word;
            }
        }

        return best;
    }
}
