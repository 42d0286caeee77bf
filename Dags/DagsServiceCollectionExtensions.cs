using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TrendingTv.Dags.Backfill;
using TrendingTv.Dags.Options;

namespace TrendingTv.Dags;

/// <summary>Registers <see cref="DagOptions"/> (section <c>Dags</c>, validated at start) and the backfill request validator.</summary>
public static class DagsServiceCollectionExtensions
{
    public static IServiceCollection AddDags(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DagOptions>()
            .BindConfiguration(DagOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BackfillRequestValidator>();
        return services;
    }
}
