using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using TrendingTv.DataLake.Catalogue;

namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// The canonical record of a Bluesky post or repost (docs/bluesky.md has the mapping table): id from the record's
/// <c>at://</c> URI, <c>created_at</c> from Jetstream's <c>time_us</c>, text as is, hashtags from <c>#tag</c> facets
/// and <c>tags</c>, <c>lang</c> = <c>langs[0]</c>.
/// </summary>
public static class BlueskyCanonicalPosts
{
    /// <summary>The <see cref="CanonicalPost.Format"/> of every Bluesky record.</summary>
    public const string Format = "jetstream";

    private const int StackUriBytes = 512;

    /// <summary><c>at://{did}/{collection}/{rkey}</c>.</summary>
    public static string RecordUri(string did, string collection, string recordKey)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(recordKey);
        return string.Concat("at://", did, "/", collection, "/", recordKey);
    }

    /// <summary>
    /// The canonical id of a record: the first 8 bytes of the SHA-256 of its URI (UTF-8), big-endian, top bit cleared.
    /// Non-negative, and in practice disjoint from X's ids.
    /// </summary>
    public static long IdOf(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var length = Encoding.UTF8.GetMaxByteCount(uri.Length);
        var bytes = length <= StackUriBytes ? stackalloc byte[StackUriBytes] : new byte[length];
        var written = Encoding.UTF8.GetBytes(uri, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..written], hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash) & long.MaxValue;
    }

    /// <summary>Jetstream's <c>time_us</c> as a canonical timestamp: UTC, whole seconds (as X records keep them).</summary>
    public static DateTimeOffset CreatedAtOf(long timeUs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeUs);
        return DateTimeOffset.FromUnixTimeSeconds(timeUs / 1_000_000);
    }

    /// <summary>The canonical record of a post event (create or update).</summary>
    /// <exception cref="ArgumentException">The event is not a <see cref="JetstreamEventKind.Post"/>.</exception>
    public static CanonicalPost FromPost(JetstreamEvent post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Kind != JetstreamEventKind.Post || post.Post is null)
        {
            throw new ArgumentException($"Only a post event maps to a post record; this is {post}.", nameof(post));
        }

        var record = post.Post;
        var uri = post.RecordUri!;
        var createdAt = CreatedAtOf(post.TimeUs);
        return new CanonicalPost
        {
            Id = IdOf(uri),
            CreatedAt = createdAt,
            Date = DateOnly.FromDateTime(createdAt.UtcDateTime),
            Lang = record.Langs.Count > 0 ? record.Langs[0] : null,
            Text = record.Text,
            TextKey = MatchKeys.TextKey(record.Text),
            Hashtags = HashtagKeys(record),
            Format = Format,
            Source = PostSources.Bluesky,
            Uri = uri,
        };
    }

    /// <summary>
    /// The canonical record of a repost: its own id, URI and time, about what it reposts (the subject's text, text key,
    /// hashtags and lang). Null when <paramref name="subject"/> is null (the subject was not kept by this capture):
    /// the caller drops the repost and counts it.
    /// </summary>
    /// <exception cref="ArgumentException">The event is not a <see cref="JetstreamEventKind.Repost"/>, or <paramref name="subject"/> is not the post it reposts.</exception>
    public static CanonicalPost? FromRepost(JetstreamEvent repost, CanonicalPost? subject)
    {
        ArgumentNullException.ThrowIfNull(repost);
        if (repost.Kind != JetstreamEventKind.Repost)
        {
            throw new ArgumentException($"Only a repost event maps to a repost record; this is {repost}.", nameof(repost));
        }

        if (subject is null)
        {
            return null;
        }

        if (!string.Equals(subject.Uri, repost.SubjectUri, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The repost {repost.RecordUri} is of {repost.SubjectUri}, not of {subject.Uri}.", nameof(subject));
        }

        var uri = repost.RecordUri!;
        var createdAt = CreatedAtOf(repost.TimeUs);
        return subject with
        {
            Id = IdOf(uri),
            CreatedAt = createdAt,
            Date = DateOnly.FromDateTime(createdAt.UtcDateTime),
            Format = Format,
            Source = PostSources.Bluesky,
            Uri = uri,
            Version = NormaliserVersion.Current,
        };
    }

    /// <summary>The hashtag keys of a post: its <c>#tag</c> facets, then <c>tags</c>; once each, empty keys left out.</summary>
    public static IReadOnlyList<string> HashtagKeys(BlueskyPostRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var total = record.FacetTags.Count + record.Tags.Count;
        if (total == 0)
        {
            return [];
        }

        var keys = new List<string>(total);
        Add(keys, record.FacetTags);
        Add(keys, record.Tags);
        return keys;

        static void Add(List<string> keys, IReadOnlyList<string> tags)
        {
            foreach (var tag in tags)
            {
                var key = MatchKeys.HashtagKey(tag);
                if (key.Length > 0 && !keys.Contains(key, StringComparer.Ordinal))
                {
                    keys.Add(key);
                }
            }
        }
    }
}
