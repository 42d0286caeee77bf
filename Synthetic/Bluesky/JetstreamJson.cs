using System.Globalization;
using System.Text;

namespace TrendingTv.Synthetic.Bluesky;

/// <summary>
/// The pieces of a Jetstream message as Jetstream writes them (key order, escaping): envelopes, commits, facets, TIDs.
/// Shared by the firehose generator (<see cref="JetstreamEventGenerator"/>) and the week's encoder (<see cref="BlueskyPayloadEncoder"/>).
/// </summary>
internal static class JetstreamJson
{
    private const string TidAlphabet = "234567abcdefghijklmnopqrstuvwxyz";

    /// <summary>The base32 alphabet of DIDs and CIDs.</summary>
    public const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A message's envelope up to (and including) the comma before its kind's object.</summary>
    public static StringBuilder Envelope(string did, long timeUs, string kind) =>
        new StringBuilder(640).Append("{\"did\":").AppendString(did).Append(",\"time_us\":").AppendNumber(timeUs).Append(",\"kind\":").AppendString(kind).Append(',');

    /// <summary>A commit message; <paramref name="record"/> and <paramref name="cid"/> are null for a delete.</summary>
    public static string Commit(string did, long timeUs, string rev, string operation, string collection, string rkey, string? record, string? cid)
    {
        var json = Envelope(did, timeUs, "commit").Append("\"commit\":{\"rev\":").AppendString(rev)
            .Append(",\"operation\":").AppendString(operation).Append(",\"collection\":").AppendString(collection).Append(",\"rkey\":").AppendString(rkey);
        if (record is not null)
        {
            json.Append(",\"record\":").Append(record).Append(",\"cid\":").AppendString(cid ?? string.Empty);
        }

        return json.Append("}}").ToString();
    }

    /// <summary>Appends one rich-text facet (offsets in UTF-8 bytes) to a facets array's items.</summary>
    public static void AddFacet(StringBuilder facets, int byteStart, int byteEnd, string feature, string property, string value)
    {
        if (facets.Length > 0)
        {
            facets.Append(',');
        }

        facets.Append("{\"features\":[{\"$type\":\"app.bsky.richtext.facet#").Append(feature).Append("\",").AppendName(property).AppendString(value)
            .Append("}],\"index\":{\"byteEnd\":").AppendNumber(byteEnd).Append(",\"byteStart\":").AppendNumber(byteStart).Append("}}");
    }

    /// <summary>A TID: 53 bits of microseconds and 10 of clock id, big-endian in base32-sortable, 13 characters.</summary>
    public static string Tid(long timeUs, int clockId)
    {
        var value = ((ulong)timeUs << 10) | (uint)(clockId & 1023);
        Span<char> tid = stackalloc char[13];
        for (var i = 12; i >= 0; i--)
        {
            tid[i] = TidAlphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(tid);
    }

    /// <summary>A record CID (<c>bafyrei</c> and 52 base32 characters drawn from <paramref name="random"/>).</summary>
    public static string Cid(Random random) => "bafyrei" + Random32(random, Base32Alphabet, 52);

    /// <summary><paramref name="length"/> characters of <paramref name="alphabet"/> drawn from <paramref name="random"/>.</summary>
    public static string Random32(Random random, string alphabet, int length) =>
        string.Create(length, (alphabet, random), static (chars, state) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    /// <summary>An ATProto datetime (UTC, milliseconds).</summary>
    public static string Iso(long timeUs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timeUs / 1000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
