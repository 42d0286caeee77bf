using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// Registers the canonical rebuild: <see cref="RebuildOptions"/> from the <c>Rebuild</c> section (validated at start),
/// the post normalisers (<see cref="AddPostNormalisers"/>), the registry and <see cref="CanonicalRebuilder"/>. Needs
/// the lake (<c>AddDataLake()</c>).
/// </summary>
public static class CanonicalRebuildServiceCollectionExtensions
{
    public static IServiceCollection AddCanonicalRebuild(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RebuildOptions>()
            .BindConfiguration(RebuildOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddPostNormalisers();
        services.TryAddSingleton<CanonicalRebuilder>();
        return services;
    }

    /// <summary>
    /// One <see cref="IRawPostNormaliser"/> per post source (X's <see cref="PostNormaliser"/>, Bluesky's
    /// <see cref="BlueskyNormaliser"/>, which reads the previous raw hour from the lake) and the
    /// <see cref="RawPostNormalisers"/> registry: what the upload and the rebuild both use. Needs the lake.
    /// </summary>
    public static IServiceCollection AddPostNormalisers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRawPostNormaliser, PostNormaliser>(_ => new PostNormaliser()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRawPostNormaliser, BlueskyNormaliser>(sp => new BlueskyNormaliser(sp.GetRequiredService<IObjectStore>())));
        services.TryAddSingleton<RawPostNormalisers>();
        return services;
    }
}
