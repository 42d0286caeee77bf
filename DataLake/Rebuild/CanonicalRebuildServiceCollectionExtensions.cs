using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrendingTv.DataLake.Posts;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// Registers the canonical rebuild: <see cref="RebuildOptions"/> from the <c>Rebuild</c> section (validated at start),
/// X's normaliser as an <see cref="IRawPostNormaliser"/>, the registry and <see cref="CanonicalRebuilder"/>. Needs the
/// lake (<c>AddDataLake()</c>). Another source adds its normaliser with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IRawPostNormaliser, TheNormaliser&gt;())</c>.
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRawPostNormaliser, PostNormaliser>(_ => new PostNormaliser()));
        services.TryAddSingleton<RawPostNormalisers>();
        services.TryAddSingleton<CanonicalRebuilder>();
        return services;
    }
}
