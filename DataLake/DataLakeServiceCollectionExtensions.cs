using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake;

/// <summary>Registers the lake: <see cref="LakeOptions"/> from the <c>Lake</c> section, validated at start, and the store it names.</summary>
public static class DataLakeServiceCollectionExtensions
{
    public static IServiceCollection AddDataLake(this IServiceCollection services)
    {
        services.AddOptions<LakeOptions>()
            .BindConfiguration(LakeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => ObjectStoreFactory.Create(sp.GetRequiredService<IOptions<LakeOptions>>().Value));
        return services;
    }
}
