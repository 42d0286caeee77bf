using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources;
using TrendingTv.Streamer.Sources.Bluesky;
using TrendingTv.Streamer.Sources.X;
using TrendingTv.Streamer.Telemetry;
using TrendingTv.Streamer.Upload;
using TrendingTv.Tmdb;

namespace TrendingTv.Streamer.Hosting;

/// <summary>
/// Registers the streamer's parts, the one way the service, the commands and the demo build them. Each
/// <c>Add…</c> binds its section and validates it at start (every duration, size and count has a range).
/// </summary>
public static class StreamerServiceCollectionExtensions
{
    /// <summary>
    /// The capture store (<c>Capture</c> section; <paramref name="configure"/> applies after the configuration): the
    /// database, the posts store, the connection log, the batch committer, and live capture with its connection recorder.
    /// A <see cref="CaptureDatabase"/> registered before (e.g. read-only, for a status query) is used as is.
    /// </summary>
    public static IServiceCollection AddCaptureStore(this IServiceCollection services, Action<CaptureOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new StreamerMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp =>
        {
            var capture = CaptureOptionsOf(sp);
            return CaptureDatabase.Open(capture.DatabasePath, readOnly: false, capture.Synchronous);
        });
        services.TryAddSingleton(sp => PostStore.Open(sp.GetRequiredService<CaptureDatabase>(), CaptureOptionsOf(sp).HourlyCap));
        services.TryAddSingleton(sp => ConnectionLog.Open(sp.GetRequiredService<CaptureDatabase>()));
        services.TryAddSingleton(sp => new CapturePipeline(
            sp.GetRequiredService<PostStore>(),
            CaptureOptionsOf(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CapturePipeline>>(),
            sp.GetRequiredService<StreamerMetrics>()));
        services.TryAddSingleton(sp => new ConnectionRecorder(
            sp.GetRequiredService<ConnectionLog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConnectionRecorder>>(),
            sp.GetRequiredService<StreamerMetrics>()));
        services.TryAddSingleton<IConnectionReporter>(sp => sp.GetRequiredService<ConnectionRecorder>());
        services.TryAddSingleton<LiveCapture>();
        return services;
    }

    /// <summary>
    /// The hourly uploader (<c>Upload</c> section; <paramref name="configure"/> applies after the configuration) with its
    /// ledger and the post normalisers by source (the ones the rebuild uses). Needs <see cref="AddCaptureStore"/> and an <see cref="IObjectStore"/> (the lake).
    /// </summary>
    public static IServiceCollection AddUpload(this IServiceCollection services, Action<UploadOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => UploadLedger.Open(sp.GetRequiredService<CaptureDatabase>()));
        services.AddPostNormalisers();
        services.TryAddSingleton(sp => new HourlyUploader(
            sp.GetRequiredService<PostStore>(),
            sp.GetRequiredService<UploadLedger>(),
            sp.GetRequiredService<ConnectionLog>(),
            sp.GetRequiredService<IObjectStore>(),
            sp.GetRequiredService<IOptions<UploadOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HourlyUploader>>(),
            sp.GetRequiredService<RawPostNormalisers>()));
        return services;
    }

    /// <summary>
    /// The X source (<c>X</c> section; a missing bearer token fails at start naming <c>X__BearerToken</c>): the API
    /// client, the rules sync and the stream source, reporting to the connection recorder. Needs <see cref="AddCaptureStore"/>.
    /// </summary>
    public static IServiceCollection AddXSource(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<XOptions>().BindConfiguration(XOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // No resilience handler: the stream is long-lived and has its own documented backoff (XStreamSource); the
        // rules sync is retried by CaptureService. Infinite timeout for the stream; rules requests time out on their own.
        services.AddHttpClient<XApiClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<XRuleSync>();
        services.TryAddSingleton(sp => new XStreamSource(
            sp.GetRequiredService<XApiClient>(),
            sp.GetRequiredService<IOptions<XOptions>>(),
            sp.GetService<IConnectionReporter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<XStreamSource>>()));
        return services;
    }

    /// <summary>
    /// Everything <c>streamer run</c> hosts: the store and the hourly upload, live capture (unless disabled), the daily
    /// TMDB snapshot (unless disabled) and the metrics endpoint (unless <c>Metrics:Port</c> is 0).
    /// </summary>
    public static IServiceCollection AddStreamerService(this IServiceCollection services, ScheduleOptions schedules, MetricsOptions metrics)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(metrics);
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddCaptureStore().AddUpload();
        services.AddHostedService<UploadJob>();
        if (schedules.CaptureEnabled)
        {
            services.AddXSource();
            services.AddHostedService<CaptureService>();
        }

        if (schedules.BlueskyEnabled)
        {
            services.AddBlueskySource();
            services.AddHostedService<BlueskyCaptureService>();
        }

        if (schedules.TmdbEnabled)
        {
            services.AddTmdb();
            services.AddHostedService<TmdbSnapshotJob>();
        }

        services.AddMetrics();
        services.AddHostedService<StoreGauges>();
        if (metrics.Port > 0)
        {
            services.AddOpenTelemetry().WithMetrics(builder => builder
                .AddMeter(StreamerMetrics.MeterName)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = metrics.Host;
                    o.Port = metrics.Port;
                }));
        }

        return services;
    }

    private static CaptureOptions CaptureOptionsOf(IServiceProvider services) => services.GetRequiredService<IOptions<CaptureOptions>>().Value;
}
