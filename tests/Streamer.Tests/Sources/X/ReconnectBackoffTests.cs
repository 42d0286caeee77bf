using TrendingTv.Streamer.Sources.X;

namespace TrendingTv.Streamer.Tests.Sources.X;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Network_errors_back_off_linearly_by_250_ms_up_to_16_s()
    {
        var backoff = new ReconnectBackoff();
        var delays = Enumerable.Range(0, 70).Select(_ => backoff.Next(DisconnectKind.Network).TotalMilliseconds).ToList();
        Assert.Equal([250, 500, 750, 1000], delays.Take(4));
        Assert.Equal(16_000, delays[63]);
        Assert.Equal(16_000, delays[^1]);
    }

    [Fact]
    public void Http_errors_back_off_exponentially_from_5_s_up_to_320_s()
    {
        var backoff = new ReconnectBackoff();
        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next(DisconnectKind.Http).TotalSeconds).ToList();
        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 320, 320], delays);
    }

    [Fact]
    public void Rate_limit_backs_off_exponentially_from_one_minute()
    {
        var backoff = new ReconnectBackoff();
        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next(DisconnectKind.RateLimited).TotalMinutes).ToList();
        Assert.Equal([1, 2, 4, 8, 16, 16], delays);
    }

    [Fact]
    public void Reset_and_a_change_of_kind_start_the_schedule_afresh()
    {
        var backoff = new ReconnectBackoff();
        backoff.Next(DisconnectKind.Http);
        backoff.Next(DisconnectKind.Http);
        Assert.Equal(TimeSpan.FromMilliseconds(250), backoff.Next(DisconnectKind.Network));
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Next(DisconnectKind.Http));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Next(DisconnectKind.Http));
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Next(DisconnectKind.Http));
    }
}
