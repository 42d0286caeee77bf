using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrendingTv.Dags.Triggers;

/// <summary>Registers the triggers every host shares (after <c>AddDags()</c>): run starter, daily timer, backfill, and the schedules (root settings, validated at start).</summary>
public static class TriggersServiceCollectionExtensions
{
    public static IServiceCollection AddDagTriggers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDags();
        services.AddOptions<ScheduleOptions>()
            .BindConfiguration(string.Empty)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<RunStarter>();
        services.TryAddSingleton<DailyRunTrigger>();
        services.TryAddSingleton<BackfillTrigger>();
        return services;
    }
}
