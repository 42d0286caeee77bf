using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TrendingTv.Tmdb.Client;
using TrendingTv.Tmdb.Snapshot;
using TrendingTv.Tmdb.Selection;

namespace TrendingTv.Tmdb;

/// <summary>
/// Registers the TMDB area: <see cref="TmdbOptions"/> from the <c>Tmdb</c> section (validated at
/// start), the typed <see cref="TmdbClient"/> with its resilience pipeline, <see cref="TmdbMetrics"/>,
/// <see cref="TmdbSnapshotter"/> and <see cref="TmdbShowSelector"/>. Needs an <c>IObjectStore</c>
/// (<c>AddDataLake</c>) and logging. Every timer of the pipeline (timeouts, retry delays,
/// Retry-After, the breaker's window) runs on the registered <see cref="TimeProvider"/>.
/// </summary>
public static class TmdbServiceCollectionExtensions
{
    /// <summary>The name of the resilience pipeline (telemetry shows it as <c>TmdbClient-tmdb</c>).</summary>
    public const string PipelineName = "tmdb";

    public static IServiceCollection AddTmdb(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TmdbOptions>()
            .BindConfiguration(TmdbOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<TmdbMetrics>();
        services.TryAddSingleton<TmdbRequestLimiter>();

        services.AddHttpClient<TmdbClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<TmdbOptions>>().Value;
                http.BaseAddress = options.BaseUri();
                // The resilience pipeline owns every timeout (per attempt and in total).
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("TrendingTv", "1.0"));
            })
            // The credential is added innermost, after HttpClientFactory's request logging (see TmdbAuthenticationHandler).
            .ConfigurePrimaryHttpMessageHandler(provider => new TmdbAuthenticationHandler(provider.GetRequiredService<IOptions<TmdbOptions>>())
            {
                InnerHandler = new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                },
            })
            .AddResilienceHandler(PipelineName, static (builder, context) => ConfigurePipeline(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<TmdbOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TmdbRequestLimiter>()));

        services.TryAddTransient<TmdbSnapshotter>();
        services.TryAddTransient<TmdbShowSelector>();
        return services;
    }

    /// <summary>Total timeout, retry, circuit breaker, concurrency and rate limits, attempt timeout: outermost first.</summary>
    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, TmdbOptions options, TmdbRequestLimiter limiter)
    {
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            // Handles 408, 429, 5xx, network errors and attempt timeouts; a 429's or 503's
            // Retry-After replaces the jittered exponential delay. 404 is not retried, and
            // neither is a call the open breaker refused: it would only wait for nothing.
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not BrokenCircuitException && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
        }

        // Outside the limiters, so that while it is open calls fail at once instead of queueing.
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsFailureOfTmdb(args.Outcome)),
        });

        // Inside the retry, so each attempt waits for a slot and a token; outside the
        // attempt timeout, so waiting in the queue does not count as a slow response.
        builder.AddRateLimiter(limiter.Concurrency);
        builder.AddRateLimiter(limiter.Rate);
        builder.AddTimeout(options.AttemptTimeout);
    }

    // A 429 means TMDB is up and asks us to slow down (the rate limiter and Retry-After handle it);
    // only what says TMDB is failing counts towards opening the breaker.
    private static bool IsFailureOfTmdb(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
        _ => false,
    };
}
