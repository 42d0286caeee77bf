using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Posts.Bluesky;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// The subscription request: an instance's <c>/subscribe</c> endpoint with the wanted collections (posts and reposts;
/// identity and account events come regardless) and, when resuming, the <c>cursor</c> in Unix microseconds.
/// </summary>
public static class JetstreamSubscription
{
    public static IReadOnlyList<string> WantedCollections { get; } = [JetstreamEventReader.PostCollection, JetstreamEventReader.RepostCollection];

    /// <summary>The WebSocket URL to open.</summary>
    public static Uri Url(Uri instance, long? cursorTimeUs)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var url = new StringBuilder(instance.GetLeftPart(UriPartial.Path));
        var separator = '?';
        foreach (var collection in WantedCollections)
        {
            url.Append(separator).Append("wantedCollections=").Append(collection);
            separator = '&';
        }

        if (cursorTimeUs is { } cursor)
        {
            url.Append("&cursor=").Append(cursor.ToString(CultureInfo.InvariantCulture));
        }

        return new Uri(url.ToString(), UriKind.Absolute);
    }

    /// <summary>The cursor that resumes after <paramref name="lastTimeUs"/> without a gap: that time minus the margin.</summary>
    public static long ResumeCursor(long lastTimeUs, TimeSpan margin) => Math.Max(0, lastTimeUs - (margin.Ticks / TimeSpan.TicksPerMicrosecond));
}
