using System.Text;
using System.Text.Json;

namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// Reads one Jetstream message (the JSON of one WebSocket text frame, or one line of a saved file) in one forward
/// pass of a <see cref="Utf8JsonReader"/> and classifies it: a post, repost or delete commit, another collection, an
/// identity or account event, an unknown kind, or malformed with a one-line reason. It never throws on bad input.
/// </summary>
/// <remarks>
/// Properties may come in any order (<c>kind</c> after <c>commit</c>, <c>collection</c> after <c>record</c>); unknown
/// properties are ignored, such as the short <c>"type"</c> fields of 2024's Jetstream. Required fields are strict
/// (did, time_us, kind, the commit's operation, collection and rkey, a post's text, a repost's subject); optional
/// ones of the wrong type are ignored rather than losing the post. Text is decoded leniently (invalid UTF-8 becomes
/// U+FFFD), as the X normaliser does.
/// </remarks>
public static class JetstreamEventReader
{
    public const string PostCollection = "app.bsky.feed.post";
    public const string RepostCollection = "app.bsky.feed.repost";

    /// <summary>9999-12-31T23:59:59.999999Z in Unix microseconds: the last instant a <see cref="DateTimeOffset"/> holds.</summary>
    private const long MaxTimeUs = 253_402_300_799_999_999;

    private const int MaxEscapedNameBytes = 32;

    /// <summary>Classifies one message; <see cref="JetstreamEventKind.Malformed"/> (with the reason) for anything unusable.</summary>
    public static JetstreamEvent Read(ReadOnlySpan<byte> message)
    {
        var fields = new Fields();
        try
        {
            ReadEnvelope(message, ref fields);
            return Classify(ref fields);
        }
        catch (JsonException e)
        {
            return Malformed(ref fields, $"not valid JSON: {e.Message}");
        }
        catch (MalformedException e)
        {
            return Malformed(ref fields, e.Message);
        }
    }

    // Long on purpose: one forward pass of the reader over the envelope's top-level names, a branch a field, on the
    // stream's per-message hot path; splitting it would pass the reader by reference through a call per field.
    private static void ReadEnvelope(ReadOnlySpan<byte> message, ref Fields f)
    {
        var r = new Utf8JsonReader(message);
        if (!r.Read())
        {
            throw new MalformedException("the message is empty");
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw new MalformedException($"the message is {Describe(r.TokenType)}, not a JSON object");
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            r.Read();
            if (name.SequenceEqual("did"u8))
            {
                f.Did = Identifier(ref r, "did");
            }
            else if (name.SequenceEqual("time_us"u8))
            {
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out f.TimeUs))
                {
                    throw new MalformedException($"'time_us' is {Describe(r.TokenType)}, not an integer of microseconds");
                }

                f.HasTimeUs = true;
            }
            else if (name.SequenceEqual("kind"u8))
            {
                ReadKind(ref r, ref f);
            }
            else if (name.SequenceEqual("commit"u8))
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    throw new MalformedException($"'commit' is {Describe(r.TokenType)}, not an object");
                }

                f.HasCommit = true;
                ReadCommit(ref r, ref f);
            }
            else
            {
                r.Skip();
            }
        }

        // Anything after the object (a second value, garbage) makes the reader throw here.
        if (r.Read())
        {
            throw new MalformedException("more than one JSON value in the message");
        }
    }

    private static void ReadKind(ref Utf8JsonReader r, ref Fields f)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            throw new MalformedException($"'kind' is {Describe(r.TokenType)}, not a string");
        }

        if (r.ValueTextEquals("commit"u8))
        {
            f.Kind = KindSeen.Commit;
        }
        else if (r.ValueTextEquals("identity"u8))
        {
            f.Kind = KindSeen.Identity;
        }
        else if (r.ValueTextEquals("account"u8))
        {
            f.Kind = KindSeen.Account;
        }
        else
        {
            f.Kind = KindSeen.Unknown;
            f.KindName = Text(ref r);
        }
    }

    private static void ReadCommit(ref Utf8JsonReader r, ref Fields f)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            r.Read();
            if (name.SequenceEqual("operation"u8))
            {
                f.OperationName = Identifier(ref r, "commit.operation");
            }
            else if (name.SequenceEqual("collection"u8))
            {
                f.Collection = r.TokenType == JsonTokenType.String && r.ValueTextEquals("app.bsky.feed.post"u8)
                    ? PostCollection
                    : r.TokenType == JsonTokenType.String && r.ValueTextEquals("app.bsky.feed.repost"u8)
                        ? RepostCollection
                        : Identifier(ref r, "commit.collection");
            }
            else if (name.SequenceEqual("rkey"u8))
            {
                f.RecordKey = Identifier(ref r, "commit.rkey");
            }
            else if (name.SequenceEqual("record"u8) && r.TokenType == JsonTokenType.StartObject
                && f.Collection is null or PostCollection or RepostCollection)
            {
                // The collection usually comes first; when it does not, the record is read as if it were a post or repost.
                f.HasRecord = true;
                ReadRecord(ref r, ref f);
            }
            else
            {
                f.HasRecord |= name.SequenceEqual("record"u8) && r.TokenType == JsonTokenType.StartObject;
                r.Skip();
            }
        }
    }

    private static void ReadRecord(ref Utf8JsonReader r, ref Fields f)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            r.Read();
            switch (name.Length)
            {
                case 4 when name.SequenceEqual("text"u8):
                    f.Text = r.TokenType == JsonTokenType.String
                        ? Text(ref r)
                        : throw new MalformedException($"'record.text' is {Describe(r.TokenType)}, not a string");
                    continue;
                case 4 when name.SequenceEqual("tags"u8):
                    f.Tags = Strings(ref r, f.Tags);
                    continue;
                case 5 when name.SequenceEqual("langs"u8):
                    f.Langs = Strings(ref r, f.Langs);
                    continue;
                case 5 when name.SequenceEqual("reply"u8):
                    ReadReply(ref r, ref f);
                    continue;
                case 5 when name.SequenceEqual("embed"u8):
                    ReadEmbed(ref r, ref f);
                    continue;
                case 6 when name.SequenceEqual("facets"u8):
                    ReadFacets(ref r, ref f);
                    continue;
                case 7 when name.SequenceEqual("subject"u8):
                    // A repost's (or like's) subject is a strong ref; a follow's or block's is a bare DID string.
                    f.SubjectUri = r.TokenType == JsonTokenType.StartObject ? UriOf(ref r) : SkipValue(ref r);
                    continue;
                default:
                    r.Skip();
                    continue;
            }
        }
    }

    private static void ReadFacets(ref Utf8JsonReader r, ref Fields f)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            r.Skip();
            return;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var isFeatures = Name(ref r).SequenceEqual("features"u8);
                r.Read();
                if (isFeatures && r.TokenType == JsonTokenType.StartArray)
                {
                    ReadFeatures(ref r, ref f);
                }
                else
                {
                    r.Skip();
                }
            }
        }
    }

    private static void ReadFeatures(ref Utf8JsonReader r, ref Fields f)
    {
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue;
            }

            // "$type" may follow "tag": decide at the end of the feature.
            var isTag = false;
            string? tag = null;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = Name(ref r);
                r.Read();
                if (name.SequenceEqual("$type"u8))
                {
                    isTag = r.TokenType == JsonTokenType.String && r.ValueTextEquals("app.bsky.richtext.facet#tag"u8);
                }
                else if (name.SequenceEqual("tag"u8) && r.TokenType == JsonTokenType.String)
                {
                    tag = Text(ref r);
                }
                else
                {
                    r.Skip();
                }
            }

            if (isTag && tag is not null)
            {
                (f.FacetTags ??= []).Add(tag);
            }
        }
    }

    private static void ReadReply(ref Utf8JsonReader r, ref Fields f)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            r.Skip();
            return;
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            r.Read();
            if (name.SequenceEqual("parent"u8) && r.TokenType == JsonTokenType.StartObject)
            {
                f.ReplyParentUri = UriOf(ref r);
            }
            else if (name.SequenceEqual("root"u8) && r.TokenType == JsonTokenType.StartObject)
            {
                f.ReplyRootUri = UriOf(ref r);
            }
            else
            {
                r.Skip();
            }
        }
    }

    /// <summary>
    /// <c>app.bsky.embed.record</c> holds the quoted post as <c>record: {uri, cid}</c>; <c>recordWithMedia</c> one level
    /// deeper, as <c>record: {record: {uri, cid}}</c>.
    /// </summary>
    private static void ReadEmbed(ref Utf8JsonReader r, ref Fields f)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            r.Skip();
            return;
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            r.Read();
            if (name.SequenceEqual("$type"u8) && r.TokenType == JsonTokenType.String)
            {
                f.EmbedType = Text(ref r);
            }
            else if (name.SequenceEqual("record"u8) && r.TokenType == JsonTokenType.StartObject)
            {
                string? direct = null, nested = null;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    var inner = Name(ref r);
                    r.Read();
                    if (inner.SequenceEqual("uri"u8) && r.TokenType == JsonTokenType.String)
                    {
                        direct = Text(ref r);
                    }
                    else if (inner.SequenceEqual("record"u8) && r.TokenType == JsonTokenType.StartObject)
                    {
                        nested = UriOf(ref r);
                    }
                    else
                    {
                        r.Skip();
                    }
                }

                f.QuotedUri = direct ?? nested;
            }
            else
            {
                r.Skip();
            }
        }
    }

    /// <summary>The <c>uri</c> string of the object the reader is on (a strong ref), reading to its end.</summary>
    private static string? UriOf(ref Utf8JsonReader r)
    {
        string? uri = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var isUri = Name(ref r).SequenceEqual("uri"u8);
            r.Read();
            if (isUri && r.TokenType == JsonTokenType.String)
            {
                uri = Text(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        return uri;
    }

    private static List<string>? Strings(ref Utf8JsonReader r, List<string>? list)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            r.Skip();
            return list;
        }

        list?.Clear();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.String)
            {
                (list ??= []).Add(Text(ref r));
            }
            else
            {
                r.Skip();
            }
        }

        return list;
    }

    private static string? SkipValue(ref Utf8JsonReader r)
    {
        r.Skip();
        return null;
    }

    private static JetstreamEvent Classify(ref Fields f)
    {
        if (f.Did is null)
        {
            throw new MalformedException("no 'did'");
        }

        if (!f.HasTimeUs)
        {
            throw new MalformedException("no 'time_us'");
        }

        if (f.TimeUs is <= 0 or > MaxTimeUs)
        {
            throw new MalformedException($"'time_us' {f.TimeUs} is not a time after 1970 and before 10000");
        }

        return f.Kind switch
        {
            KindSeen.None => throw new MalformedException("no 'kind'"),
            KindSeen.Identity => new JetstreamEvent { Kind = JetstreamEventKind.Identity, Did = f.Did, TimeUs = f.TimeUs },
            KindSeen.Account => new JetstreamEvent { Kind = JetstreamEventKind.Account, Did = f.Did, TimeUs = f.TimeUs },
            KindSeen.Unknown => new JetstreamEvent { Kind = JetstreamEventKind.UnknownKind, Did = f.Did, TimeUs = f.TimeUs, KindName = f.KindName },
            _ => ClassifyCommit(ref f),
        };
    }

    private static JetstreamEvent ClassifyCommit(ref Fields f)
    {
        if (!f.HasCommit)
        {
            throw new MalformedException("a 'commit' event without a 'commit' object");
        }

        var operation = ParseOperation(f.OperationName);
        var collection = f.Collection ?? throw new MalformedException("no 'commit.collection'");
        var recordKey = f.RecordKey ?? throw new MalformedException("no 'commit.rkey'");
        if (collection is not (PostCollection or RepostCollection))
        {
            return new JetstreamEvent { Kind = JetstreamEventKind.OtherCollection, Operation = operation, Did = f.Did, TimeUs = f.TimeUs, Collection = collection, RecordKey = recordKey };
        }

        CheckIdentifiers(f.Did!, recordKey);
        if (operation == JetstreamOperation.Delete)
        {
            return Event(ref f, JetstreamEventKind.Delete, operation);
        }

        if (!f.HasRecord)
        {
            throw new MalformedException($"a {operation.ToString().ToLowerInvariant()} of {collection} without a 'commit.record' object");
        }

        if (collection == RepostCollection)
        {
            return f.SubjectUri is { } subject && subject.StartsWith("at://", StringComparison.Ordinal)
                ? Event(ref f, JetstreamEventKind.Repost, operation)
                : throw new MalformedException("a repost record without a 'subject.uri' at:// URI");
        }

        if (f.Text is null)
        {
            throw new MalformedException("a post record without 'text'");
        }

        return Event(ref f, JetstreamEventKind.Post, operation);
    }

    private static JetstreamOperation ParseOperation(string? name) => name switch
    {
        "create" => JetstreamOperation.Create,
        "update" => JetstreamOperation.Update,
        "delete" => JetstreamOperation.Delete,
        null => throw new MalformedException("no 'commit.operation'"),
        _ => throw new MalformedException($"'commit.operation' \"{Printable(name)}\" is not create, update or delete"),
    };

    /// <summary>The DID and record key become an at:// URI and so an id: only their documented syntax is accepted.</summary>
    private static void CheckIdentifiers(string did, string recordKey)
    {
        if (!AtIdentifiers.IsDid(did))
        {
            throw new MalformedException($"'did' \"{Printable(did)}\" is not a DID");
        }

        if (!AtIdentifiers.IsRecordKey(recordKey))
        {
            throw new MalformedException($"'commit.rkey' \"{Printable(recordKey)}\" is not a record key");
        }
    }

    private static JetstreamEvent Event(ref Fields f, JetstreamEventKind kind, JetstreamOperation operation) => new()
    {
        Kind = kind,
        Operation = operation,
        Did = f.Did,
        TimeUs = f.TimeUs,
        Collection = f.Collection,
        RecordKey = f.RecordKey,
        SubjectUri = kind == JetstreamEventKind.Repost ? f.SubjectUri : null,
        Post = kind == JetstreamEventKind.Post
            ? new BlueskyPostRecord
            {
                Text = f.Text!,
                FacetTags = f.FacetTags ?? (IReadOnlyList<string>)[],
                Tags = f.Tags ?? (IReadOnlyList<string>)[],
                Langs = f.Langs ?? (IReadOnlyList<string>)[],
                ReplyParentUri = f.ReplyParentUri,
                ReplyRootUri = f.ReplyRootUri,
                EmbedType = f.EmbedType,
                QuotedUri = f.QuotedUri,
            }
            : null,
    };

    private static JetstreamEvent Malformed(ref Fields f, string reason) => new()
    {
        Kind = JetstreamEventKind.Malformed,
        Did = f.Did,
        TimeUs = f.HasTimeUs ? f.TimeUs : 0,
        Collection = f.Collection,
        RecordKey = f.RecordKey,
        MalformedReason = reason,
    };

    /// <summary>The property name the reader is on; an escaped one (legal, rare) is unescaped on the heap, and one longer than any we read never matches.</summary>
    private static ReadOnlySpan<byte> Name(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped)
        {
            return r.ValueSpan;
        }

        if (r.ValueSpan.Length > MaxEscapedNameBytes)
        {
            return [];
        }

        var unescaped = new byte[r.ValueSpan.Length];
        return unescaped.AsSpan(0, r.CopyString(unescaped));
    }

    /// <summary>A string value decoded leniently (invalid UTF-8 and lone surrogates become U+FFFD).</summary>
    private static string Text(ref Utf8JsonReader r) => PostText.Decode(r.ValueSpan, r.ValueIsEscaped, htmlUnescape: false);

    /// <summary>A required identifier: a string, else the message is malformed.</summary>
    private static string Identifier(ref Utf8JsonReader r, string field) =>
        r.TokenType == JsonTokenType.String ? Text(ref r) : throw new MalformedException($"'{field}' is {Describe(r.TokenType)}, not a string");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>A value quoted in a reason: at most 64 characters, control characters shown as '?'.</summary>
    private static string Printable(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, 65));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, 64)))
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return value.Length > 64 ? builder.Append('…').ToString() : builder.ToString();
    }

    private enum KindSeen
    {
        None,
        Commit,
        Identity,
        Account,
        Unknown,
    }

    /// <summary>What the pass found; <see cref="Classify"/> decides once the whole message is read.</summary>
    private struct Fields
    {
        public string? Did;
        public long TimeUs;
        public bool HasTimeUs;
        public KindSeen Kind;
        public string? KindName;
        public bool HasCommit;
        public string? OperationName;
        public string? Collection;
        public string? RecordKey;
        public bool HasRecord;
        public string? Text;
        public List<string>? FacetTags;
        public List<string>? Tags;
        public List<string>? Langs;
        public string? ReplyParentUri;
        public string? ReplyRootUri;
        public string? EmbedType;
        public string? QuotedUri;
        public string? SubjectUri;
    }

    /// <summary>Ends the pass with a reason; only for the rare malformed message.</summary>
    private sealed class MalformedException(string reason) : Exception(reason);
}
