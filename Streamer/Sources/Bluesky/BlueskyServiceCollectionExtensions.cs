using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// Registers the Bluesky source: <see cref="BlueskyOptions"/> from the <c>Bluesky</c> section (validated at start)
/// and the <see cref="JetstreamClient"/>, which reports to an <see cref="IJetstreamMonitor"/> when one is registered.
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
        return services;
    }
}
