using System.Text.Json;

namespace TrendingTv.DataLake.Posts.Bluesky;

/// <summary>
/// A line of the lake's Bluesky deletes log (<c>LakeLayout.BlueskyDeletesHourKey</c>):
/// <c>{"id":&lt;int64&gt;,"uri":"at://…","time_us":&lt;int64&gt;}</c>, the deleted record's canonical id and URI and when
/// Jetstream relayed the delete.
/// </summary>
public static class BlueskyDeleteRecord
{
    /// <summary>The log line (no newline) of a delete event.</summary>
    /// <exception cref="ArgumentException">The event is not a <see cref="JetstreamEventKind.Delete"/>.</exception>
    public static byte[] Of(JetstreamEvent delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        if (delete.Kind != JetstreamEventKind.Delete)
        {
            throw new ArgumentException($"Only a delete event makes a delete record; this is {delete}.", nameof(delete));
        }

        using var buffer = new MemoryStream(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id"u8, BlueskyCanonicalPosts.IdOf(delete.RecordUri!));
            json.WriteString("uri"u8, delete.RecordUri);
            json.WriteNumber("time_us"u8, delete.TimeUs);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
