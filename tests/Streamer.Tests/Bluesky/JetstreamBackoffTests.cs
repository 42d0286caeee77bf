using TrendingTv.Streamer.Sources.Bluesky;

namespace TrendingTv.Streamer.Tests.Bluesky;

public sealed class JetstreamBackoffTests
{
    [Fact]
    public void Waits_double_from_the_initial_delay_up_to_the_maximum_with_jitter_in_the_upper_half()
    {
        var backoff = new JetstreamBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(7));
        double[] steps = [1, 2, 4, 8, 16, 32, 60, 60, 60];

        foreach (var step in steps)
        {
            var wait = backoff.Next().TotalSeconds;
            Assert.InRange(wait, step / 2, step);
        }

        Assert.Equal(steps.Length, backoff.Attempt);
    }

    [Fact]
    public void Jitter_spreads_the_waits_of_clients_failing_together()
    {
        var random = new Random(11);
        var waits = Enumerable.Range(0, 100).Select(_ => new JetstreamBackoff(TimeSpan.FromSeconds(8), TimeSpan.FromMinutes(2), random).Next()).Distinct().Count();

        Assert.True(waits > 90, $"only {waits} distinct waits of 100");
    }

    [Fact]
    public void Reset_starts_again_from_the_initial_delay()
    {
        var backoff = new JetstreamBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(3));
        backoff.Next();
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(0, backoff.Attempt);
        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public void Thousands_of_failures_stay_at_the_maximum_without_overflow()
    {
        var backoff = new JetstreamBackoff(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), new Random(5));

        // Steps of 10, 20 and 40 minutes, then the one-hour maximum for ever.
        for (var i = 1; i <= 5_000; i++)
        {
            Assert.InRange(backoff.Next(), i > 3 ? TimeSpan.FromMinutes(30) : TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        }

        Assert.Equal(TimeSpan.FromHours(1), backoff.Step(5_000));
    }
}
