using System.Buffers.Text;
using System.Text.Json;

namespace TrendingTv.DataLake.Posts;

/// <summary>
/// One forward pass of a <see cref="Utf8JsonReader"/> over a raw line: records where the fields a canonical record
/// may need lie (as <see cref="Utf8Slice"/>s) and skips every other subtree (user objects, media, metrics...).
/// Nothing is decoded here; <see cref="RawPostReader"/> classifies the line, <see cref="TextChoice"/> picks the text
/// and <see cref="PostNormaliser"/> decodes only what was picked.
/// </summary>
internal static class RawPostParser
{
    private const int NameScratch = 32;

    /// <summary>Reads the whole line into <paramref name="s"/>; throws <see cref="JsonException"/> or <see cref="PostLineException"/>.</summary>
    /// <remarks>
    /// Longer than our usual methods on purpose: one switch over the top-level names of the single pass, a few lines a
    /// case; splitting it would hand the reader and the state by reference through another call per property on
    /// the normaliser's hot path.
    /// </remarks>
    public static void Parse(ReadOnlySpan<byte> line, ref ParseState s)
    {
        var r = new Utf8JsonReader(line);
        if (!r.Read())
        {
            throw new PostLineException("no JSON value on the line");
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw new PostLineException($"the line is {Describe(r.TokenType)}, not a JSON object");
        }

        long idNumber = 0, idString = 0;
        bool hasIdNumber = false, hasIdString = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            switch (name.Length)
            {
                case 2 when name.SequenceEqual("id"u8):
                    r.Read();
                    hasIdNumber = TryReadId(ref r, FieldPath.Root.Then("id"), out idNumber);
                    continue;
                case 4 when name.SequenceEqual("lang"u8):
                    r.Read();
                    s.Top.Lang = ReadString(ref r, FieldPath.Root, "lang");
                    continue;
                case 4 when name.SequenceEqual("data"u8):
                    r.Read();
                    if (r.TokenType == JsonTokenType.StartObject)
                    {
                        ReadV2Tweet(ref r, ref s.Tags, ref s.Data, isData: true, FieldPath.Root.Then("data."));
                        s.HasData = true;
                    }
                    else if (r.TokenType != JsonTokenType.Null)
                    {
                        throw WrongType(FieldPath.Root.Then("data"), r.TokenType, "an object");
                    }

                    continue;
                case 6 when name.SequenceEqual("id_str"u8):
                    r.Read();
                    hasIdString = TryReadId(ref r, FieldPath.Root.Then("id_str"), out idString);
                    continue;
                case 6 when name.SequenceEqual("errors"u8):
                    s.HasErrors = true;
                    r.Skip();
                    continue;
                case 8 when name.SequenceEqual("includes"u8):
                    r.Read();
                    ReadIncludes(ref r, ref s);
                    continue;
                case 10 when name.SequenceEqual("created_at"u8):
                    r.Read();
                    s.Top.HasCreatedAt = TryReadCreatedAt(ref r, FieldPath.Root.Then("created_at"), out s.Top.CreatedAt);
                    continue;
                case 16 when name.SequenceEqual("retweeted_status"u8):
                    r.Read();
                    if (r.TokenType == JsonTokenType.StartObject)
                    {
                        ReadV1Status(ref r, ref s.Tags, ref s.Retweeted, FieldPath.Root.Then("retweeted_status."));
                        s.HasRetweeted = true;
                    }
                    else if (r.TokenType != JsonTokenType.Null)
                    {
                        throw WrongType(FieldPath.Root.Then("retweeted_status"), r.TokenType, "an object");
                    }

                    continue;
                default:
                    break;
            }

            if (TryReadV1TextProperty(name, ref r, ref s.Tags, ref s.Top, FieldPath.Root))
            {
                continue;
            }

            var kind = MessageKind(name);
            if (kind is not null)
            {
                s.MessageKind ??= kind;
            }

            r.Skip();
        }

        // Anything after the object (a second value, garbage) makes the reader throw here.
        if (r.Read())
        {
            throw new PostLineException("more than one JSON value on the line");
        }

        if (hasIdString || hasIdNumber)
        {
            s.Top.HasId = true;
            s.Top.Id = hasIdString ? idString : idNumber;
        }
    }

    private static void ReadV1Status(ref Utf8JsonReader r, ref PooledList<Utf8Slice> tags, ref TweetFields f, FieldPath path)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            if (!TryReadV1TextProperty(name, ref r, ref tags, ref f, path))
            {
                r.Skip();
            }
        }
    }

    /// <summary>text, full_text, extended_tweet and entities of a v1.1 status; false (nothing read) for any other name.</summary>
    private static bool TryReadV1TextProperty(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader r, ref PooledList<Utf8Slice> tags, ref TweetFields f, FieldPath path)
    {
        switch (name.Length)
        {
            case 4 when name.SequenceEqual("text"u8):
                r.Read();
                f.Text = ReadString(ref r, path, "text");
                return true;
            case 8 when name.SequenceEqual("entities"u8):
                r.Read();
                f.Hashtags = ReadEntities(ref r, ref tags, "text"u8, path, "entities");
                return true;
            case 9 when name.SequenceEqual("full_text"u8):
                r.Read();
                f.FullText = ReadString(ref r, path, "full_text");
                return true;
            case 14 when name.SequenceEqual("extended_tweet"u8):
                r.Read();
                ReadLongForm(ref r, ref tags, ref f, "full_text"u8, "text"u8, path, "extended_tweet");
                return true;
            default:
                return false;
        }
    }

    /// <summary>v1.1 <c>extended_tweet</c> {full_text, entities} or v2 <c>note_tweet</c> {text, entities}.</summary>
    private static void ReadLongForm(
        ref Utf8JsonReader r, ref PooledList<Utf8Slice> tags, ref TweetFields f, ReadOnlySpan<byte> textName, ReadOnlySpan<byte> tagName, FieldPath path, string field)
    {
        if (!IsPresent(ref r, JsonTokenType.StartObject, path.Then(field)))
        {
            return;
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            if (name.SequenceEqual(textName))
            {
                r.Read();
                f.LongText = ReadString(ref r, path.Then(field).Then("."), textName.Length == 4 ? "text" : "full_text");
            }
            else if (name.SequenceEqual("entities"u8))
            {
                r.Read();
                f.LongHashtags = ReadEntities(ref r, ref tags, tagName, path.Then(field).Then("."), "entities");
            }
            else
            {
                r.Skip();
            }
        }
    }

    private static HashtagRange ReadEntities(ref Utf8JsonReader r, ref PooledList<Utf8Slice> tags, ReadOnlySpan<byte> tagName, FieldPath path, string field)
    {
        if (!IsPresent(ref r, JsonTokenType.StartObject, path.Then(field)))
        {
            return HashtagRange.None;
        }

        var first = tags.Count;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!Name(ref r).SequenceEqual("hashtags"u8))
            {
                r.Skip();
                continue;
            }

            r.Read();
            if (!IsPresent(ref r, JsonTokenType.StartArray, path.Then(field).Then(".hashtags")))
            {
                continue;
            }

            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    throw WrongType(path.Then(field).Then(".hashtags[]"), r.TokenType, "an object");
                }

                var tag = Utf8Slice.None;
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (Name(ref r).SequenceEqual(tagName))
                    {
                        r.Read();
                        tag = ReadString(ref r, path.Then(field).Then(".hashtags[]."), tagName.Length == 3 ? "tag" : "text");
                    }
                    else
                    {
                        r.Skip();
                    }
                }

                if (tag.IsSet && tag.Length > 0)
                {
                    tags.Add(tag);
                }
            }
        }

        return new HashtagRange(first, tags.Count - first);
    }

    /// <summary>A v2 post object: <c>data</c>, or one of <c>includes.tweets</c>.</summary>
    private static void ReadV2Tweet(ref Utf8JsonReader r, ref PooledList<Utf8Slice> tags, ref TweetFields f, bool isData, FieldPath path)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref r);
            switch (name.Length)
            {
                case 2 when name.SequenceEqual("id"u8):
                    r.Read();
                    f.HasId = TryReadId(ref r, path.Then("id"), out f.Id);
                    break;
                case 4 when name.SequenceEqual("text"u8):
                    r.Read();
                    f.Text = ReadString(ref r, path, "text");
                    break;
                case 4 when isData && name.SequenceEqual("lang"u8):
                    r.Read();
                    f.Lang = ReadString(ref r, path, "lang");
                    break;
                case 8 when name.SequenceEqual("entities"u8):
                    r.Read();
                    f.Hashtags = ReadEntities(ref r, ref tags, "tag"u8, path, "entities");
                    break;
                case 10 when isData && name.SequenceEqual("created_at"u8):
                    r.Read();
                    f.HasCreatedAt = TryReadCreatedAt(ref r, path.Then("created_at"), out f.CreatedAt);
                    break;
                case 10 when name.SequenceEqual("note_tweet"u8):
                    r.Read();
                    ReadLongForm(ref r, ref tags, ref f, "text"u8, "tag"u8, path, "note_tweet");
                    break;
                case 17 when isData && name.SequenceEqual("referenced_tweets"u8):
                    r.Read();
                    ReadReferencedTweets(ref r, ref f, path);
                    break;
                default:
                    r.Skip();
                    break;
            }
        }
    }

    private static void ReadReferencedTweets(ref Utf8JsonReader r, ref TweetFields f, FieldPath path)
    {
        if (!IsPresent(ref r, JsonTokenType.StartArray, path.Then("referenced_tweets")))
        {
            return;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject)
            {
                throw WrongType(path.Then("referenced_tweets[]"), r.TokenType, "an object");
            }

            var retweeted = false;
            long id = 0;
            var hasId = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = Name(ref r);
                if (name.SequenceEqual("type"u8))
                {
                    r.Read();
                    retweeted = r.TokenType == JsonTokenType.String && r.ValueTextEquals("retweeted"u8);
                }
                else if (name.SequenceEqual("id"u8))
                {
                    r.Read();
                    hasId = TryReadId(ref r, path.Then("referenced_tweets[].id"), out id);
                }
                else
                {
                    r.Skip();
                }
            }

            if (retweeted && hasId && !f.HasRetweetedId)
            {
                f.RetweetedId = id;
                f.HasRetweetedId = true;
            }
        }
    }

    private static void ReadIncludes(ref Utf8JsonReader r, ref ParseState s)
    {
        if (!IsPresent(ref r, JsonTokenType.StartObject, FieldPath.Root.Then("includes")))
        {
            return;
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!Name(ref r).SequenceEqual("tweets"u8))
            {
                r.Skip();
                continue;
            }

            r.Read();
            if (!IsPresent(ref r, JsonTokenType.StartArray, FieldPath.Root.Then("includes.tweets")))
            {
                continue;
            }

            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    throw WrongType(FieldPath.Root.Then("includes.tweets[]"), r.TokenType, "an object");
                }

                var included = TweetFields.Empty;
                ReadV2Tweet(ref r, ref s.Tags, ref included, isData: false, FieldPath.Root.Then("includes.tweets[]."));
                s.Included.Add(included);
            }
        }
    }

    /// <summary>
    /// At a value that may be null: false for null (the field is absent), true at the expected object or array;
    /// any other token is a wrong type naming <paramref name="path"/>.
    /// </summary>
    private static bool IsPresent(ref Utf8JsonReader r, JsonTokenType expected, FieldPath path)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        return r.TokenType == expected
            ? true
            : throw WrongType(path, r.TokenType, expected == JsonTokenType.StartArray ? "an array" : "an object");
    }

    /// <summary>An id: a JSON number, or a string of digits (<c>id_str</c>, v2 ids). Null means absent.</summary>
    private static bool TryReadId(ref Utf8JsonReader r, FieldPath field, out long id)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.Number:
                if (!r.TryGetInt64(out id))
                {
                    throw new PostLineException($"'{field}' {PostDates.Describe(r.ValueSpan)} is not a 64-bit integer");
                }

                return true;
            case JsonTokenType.String:
                var raw = r.ValueSpan;
                if (r.ValueIsEscaped || raw.IsEmpty || raw[0] == (byte)'-' || raw[0] == (byte)'+'
                    || !Utf8Parser.TryParse(raw, out id, out var consumed) || consumed != raw.Length)
                {
                    throw new PostLineException($"'{field}' \"{PostDates.Describe(raw)}\" is not a numeric id");
                }

                return true;
            case JsonTokenType.Null:
                id = 0;
                return false;
            default:
                throw WrongType(field, r.TokenType, "a number or a string of digits");
        }
    }

    private static bool TryReadCreatedAt(ref Utf8JsonReader r, FieldPath field, out DateTimeOffset createdAt)
    {
        createdAt = default;
        if (r.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (r.TokenType != JsonTokenType.String)
        {
            throw WrongType(field, r.TokenType, "a string");
        }

        Span<byte> unescaped = stackalloc byte[64];
        scoped var raw = r.ValueSpan;
        if (r.ValueIsEscaped && raw.Length <= unescaped.Length)
        {
            raw = unescaped[..r.CopyString(unescaped)];
        }

        if (!PostDates.TryParse(raw, out createdAt))
        {
            throw new PostLineException($"'{field}' \"{PostDates.Describe(raw)}\" is neither 'ddd MMM dd HH:mm:ss +0000 yyyy' nor ISO-8601 with an offset");
        }

        return true;
    }

    private static Utf8Slice ReadString(ref Utf8JsonReader r, FieldPath path, string field)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            // On a single-span reader a string's ValueSpan starts right after its opening quote.
            return new Utf8Slice((int)r.TokenStartIndex + 1, r.ValueSpan.Length, r.ValueIsEscaped);
        }

        if (r.TokenType == JsonTokenType.Null)
        {
            return Utf8Slice.None;
        }

        throw WrongType(path.Then(field), r.TokenType, "a string");
    }

    private static ReadOnlySpan<byte> Name(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped)
        {
            return r.ValueSpan;
        }

        // An escaped name (\u0074ext) is legal JSON but rare: unescape it on the heap; longer names than any we look for never match.
        if (r.ValueSpan.Length > NameScratch)
        {
            return [];
        }

        var unescaped = new byte[r.ValueSpan.Length];
        return unescaped.AsSpan(0, r.CopyString(unescaped));
    }

    private static string? MessageKind(ReadOnlySpan<byte> name) => name.Length switch
    {
        5 when name.SequenceEqual("limit"u8) => "limit",
        5 when name.SequenceEqual("event"u8) => "event",
        6 when name.SequenceEqual("delete"u8) => "delete",
        7 when name.SequenceEqual("warning"u8) => "warning",
        7 when name.SequenceEqual("friends"u8) => "friends",
        7 when name.SequenceEqual("control"u8) => "control",
        8 when name.SequenceEqual("for_user"u8) => "for_user",
        9 when name.SequenceEqual("scrub_geo"u8) => "scrub_geo",
        10 when name.SequenceEqual("disconnect"u8) => "disconnect",
        11 when name.SequenceEqual("friends_str"u8) => "friends",
        13 when name.SequenceEqual("user_withheld"u8) => "user_withheld",
        15 when name.SequenceEqual("status_withheld"u8) => "status_withheld",
        _ => null,
    };

    private static PostLineException WrongType(FieldPath field, JsonTokenType actual, string expected) =>
        new($"wrong type: '{field}' is {Describe(actual)}, expected {expected}");

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
}
