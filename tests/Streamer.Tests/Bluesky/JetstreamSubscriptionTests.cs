using TrendingTv.Streamer.Sources.Bluesky;

namespace TrendingTv.Streamer.Tests.Bluesky;

public sealed class JetstreamSubscriptionTests
{
    [Fact]
    public void Live_tail_asks_for_posts_and_reposts_without_a_cursor()
    {
        var url = JetstreamSubscription.Url(new Uri("wss://jetstream2.us-west.bsky.network/subscribe"), cursorTimeUs: null);

        Assert.Equal("wss://jetstream2.us-west.bsky.network/subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.repost", url.AbsoluteUri);
    }

    [Fact]
    public void Resuming_adds_the_cursor_in_microseconds()
    {
        var url = JetstreamSubscription.Url(new Uri("ws://127.0.0.1:6008/subscribe"), 1725519626134432);

        Assert.EndsWith("&cursor=1725519626134432", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_cursor_is_the_last_time_minus_the_margin_and_never_negative()
    {
        Assert.Equal(1725519621134432, JetstreamSubscription.ResumeCursor(1725519626134432, TimeSpan.FromSeconds(5)));
        Assert.Equal(0, JetstreamSubscription.ResumeCursor(1_000, TimeSpan.FromSeconds(5)));
    }
}
