using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Upload;
using TrendingTv.Streamer.X;
using TrendingTv.Tmdb;

namespace TrendingTv.Streamer;

/// <summary>Registers the streamer's parts; each <c>Add…</c> validates its options at start.</summary>
public static class StreamerServiceCollectionExtensions
{
    /// <summary>The capture store (<c>Capture</c> section), the capture pipeline and the uploader (<c>Upload</c> section, plus the lake).</summary>
    public static IServiceCollection AddCaptureStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataLake();
        // SQLite opens synchronously underneath; opening once at first use is cheap.
        services.TryAddSingleton(sp => CaptureStore.OpenAsync(sp.GetRequiredService<IOptions<CaptureOptions>>().Value).GetAwaiter().GetResult());
        services.TryAddSingleton(sp => new CapturePipeline(
            sp.GetRequiredService<CaptureStore>(),
            sp.GetRequiredService<IOptions<CaptureOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CapturePipeline>>()));
        services.TryAddSingleton(sp => new HourlyUploader(
            sp.GetRequiredService<CaptureStore>(),
            sp.GetRequiredService<DataLake.Storage.IObjectStore>(),
            sp.GetRequiredService<IOptions<UploadOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HourlyUploader>>()));
        return services;
    }

    /// <summary>The X API client (<c>X</c> section; a missing bearer token fails at start naming <c>X__BearerToken</c>) and the stream source.</summary>
    public static IServiceCollection AddXClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<XOptions>().BindConfiguration(XOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // No resilience handler here: the stream is long-lived and has its own documented backoff
        // (XStreamSource); the rules sync is retried by CaptureService. Infinite timeout for the stream.
        services.AddHttpClient<XApiClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new XStreamSource(
            sp.GetRequiredService<XApiClient>(),
            sp.GetRequiredService<IOptions<XOptions>>(),
            sp.GetRequiredService<CaptureStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<XStreamSource>>()));
        return services;
    }

    /// <summary>Everything <c>streamer run</c> hosts: capture (unless disabled), the hourly upload and the daily TMDB snapshot (unless disabled).</summary>
    public static IServiceCollection AddStreamerService(this IServiceCollection services, ScheduleOptions schedules)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(schedules);
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddCaptureStore();
        services.AddHostedService<UploadJob>();
        if (schedules.CaptureEnabled)
        {
            services.AddXClient();
            services.AddHostedService<CaptureService>();
        }

        if (schedules.TmdbEnabled)
        {
            services.AddTmdb();
            services.AddHostedService<TmdbSnapshotJob>();
        }

        return services;
    }
}
