using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Dags.Options;

namespace TrendingTv.Dags.Hosting;

/// <summary>Registers <see cref="DurableBackendOptions"/> (section <c>Durable</c>, validated at start).</summary>
public static class DurableBackendServiceCollectionExtensions
{
    public static IServiceCollection AddDurableBackend(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DurableBackendOptions>()
            .BindConfiguration(DurableBackendOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
