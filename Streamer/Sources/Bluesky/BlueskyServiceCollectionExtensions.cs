using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// Registers the Bluesky source: <see cref="BlueskyOptions"/> from the <c>Bluesky</c> section (validated at start;
/// no credentials), the <see cref="JetstreamClient"/> (reporting to an <see cref="IJetstreamMonitor"/> when one is
/// registered) and the <see cref="BlueskySource"/> capture uses: keep filter from the catalogue in effect in the lake,
/// gaps to the <see cref="IConnectionReporter"/>, malformed messages to a quarantine file beside the capture store,
/// the repost window restored on a restart from the <see cref="PostStore"/>.
/// </summary>
public static class BlueskyServiceCollectionExtensions
{
    public static IServiceCollection AddBlueskySource(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<BlueskyOptions>()
            .BindConfiguration(BlueskyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new JetstreamClient(
            provider.GetRequiredService<IOptions<BlueskyOptions>>(),
            provider.GetService<IJetstreamMonitor>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<JetstreamClient>>()));
        services.TryAddSingleton<IBlueskyQuarantine>(provider =>
            new BlueskyQuarantineFile(provider.GetRequiredService<IOptions<CaptureOptions>>().Value.DatabasePath + ".bluesky-quarantine.jsonl"));
        services.TryAddSingleton(provider => new BlueskySource(
            provider.GetRequiredService<IOptions<BlueskyOptions>>(),
            async cancellationToken => ShowKeepFilter.For(await ShowCatalogue.LoadInEffectAsync(
                provider.GetRequiredService<IObjectStore>(), provider.GetRequiredService<ILogger<BlueskySource>>(), cancellationToken)),
            provider.GetService<IConnectionReporter>(),
            provider.GetService<IBlueskyQuarantine>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<BlueskySource>>(),
            provider.GetService<ILogger<JetstreamClient>>(),
            storedSince: (hour, limit, cancellationToken) => provider.GetRequiredService<PostStore>().ReadLatestIdsAsync(PostSources.Bluesky, hour, limit, cancellationToken)));
        return services;
    }
}
