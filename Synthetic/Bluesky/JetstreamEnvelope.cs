using System.Text.Json;

namespace TrendingTv.Synthetic.Bluesky;

/// <summary>What the stand-in reads of a message to filter it: <c>time_us</c>, <c>kind</c> and the commit's <c>collection</c>, skipping the rest.</summary>
internal static class JetstreamEnvelope
{
    /// <summary>Whether a subscriber with <paramref name="cursor"/> and <paramref name="wanted"/> collections receives the message (unreadable ones pass).</summary>
    public static bool Passes(ReadOnlySpan<byte> message, long? cursor, IReadOnlySet<string> wanted)
    {
        long timeUs = 0;
        string? collection = null;
        var isCommit = false;
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return true;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("time_us"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    reader.TryGetInt64(out timeUs);
                }
                else if (reader.ValueTextEquals("kind"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    isCommit = reader.ValueTextEquals("commit"u8);
                }
                else if (reader.ValueTextEquals("commit"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    collection = CollectionOf(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return true;
        }

        return (cursor is not { } c || timeUs >= c) && (!isCommit || wanted.Count == 0 || collection is null || wanted.Contains(collection));
    }

    private static string? CollectionOf(ref Utf8JsonReader reader)
    {
        string? collection = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("collection"u8) && reader.Read())
            {
                collection = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return collection;
    }
}
