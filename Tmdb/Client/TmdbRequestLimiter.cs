using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TrendingTv.Tmdb.Client;

/// <summary>
/// The process-wide bounds on TMDB traffic: a concurrency limiter and a token bucket, shared by
/// every <see cref="TmdbClient"/> and applied to each attempt (retries count). Requests queue
/// rather than fail when a bound is reached.
/// </summary>
internal sealed class TmdbRequestLimiter : IDisposable
{
    public TmdbRequestLimiter(IOptions<TmdbOptions> options)
    {
        var value = options.Value;
        Concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = value.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        Rate = new TokenBucketRateLimiter(RateOptions(value.RequestsPerSecond, value.Burst));
    }

    public RateLimiter Concurrency { get; }

    public RateLimiter Rate { get; }

    /// <summary>
    /// One token every 1/rate seconds, at most <paramref name="burst"/> saved up. Above 50/s the
    /// replenishment timer would tick faster than every 20 ms, so tokens come in batches instead.
    /// </summary>
    public static TokenBucketRateLimiterOptions RateOptions(double requestsPerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(requestsPerSecond / 50));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, tokensPerPeriod),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / requestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    public void Dispose()
    {
        Concurrency.Dispose();
        Rate.Dispose();
    }
}
