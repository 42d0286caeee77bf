using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.Dags.Orchestrations;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Dags;

/// <summary>
/// Registers the DAG's orchestrators and activities as functions on a Durable Task registry (the
/// embedded host's). Each activity call resolves its class from a fresh scope of the application's
/// services; the Functions app registers the same code through <c>[Function]</c> wrappers.
/// </summary>
public static class DagTaskRegistryExtensions
{
    /// <summary>The activity classes the DAG calls, by the names it calls them.</summary>
    public static IReadOnlyList<Type> ActivityTypes { get; } =
    [
        typeof(CheckRawDataActivity),
        typeof(FindStaleCanonicalHoursActivity),
        typeof(RebuildCanonicalHourActivity),
        typeof(SubmitJobActivity),
        typeof(GetJobStatusActivity),
        typeof(TerminateJobActivity),
        typeof(CheckProcessedDataActivity),
        typeof(PublishOutputsActivity),
    ];

    public static DurableTaskRegistry AddDagTasks(this DurableTaskRegistry registry, IServiceProvider services, CancellationToken stopping = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);

        registry.AddEtlDagOrchestrator();
        registry.AddBackfillOrchestrator();

        registry.AddActivityFunc<RunRequest, RawDataReport>(
            nameof(CheckRawDataActivity),
            (_, request) => RunAsync<CheckRawDataActivity, RawDataReport>(services, a => a.RunAsync(Required(request), stopping)));
        registry.AddActivityFunc<RunRequest, StaleCanonicalHours>(
            nameof(FindStaleCanonicalHoursActivity),
            (_, request) => RunAsync<FindStaleCanonicalHoursActivity, StaleCanonicalHours>(services, a => a.RunAsync(Required(request), stopping)));
        registry.AddActivityFunc<CanonicalHourRequest, HourRebuild>(
            nameof(RebuildCanonicalHourActivity),
            (_, request) => RunAsync<RebuildCanonicalHourActivity, HourRebuild>(services, a => a.RunAsync(Required(request), stopping)));
        registry.AddActivityFunc<RunRequest, string>(
            nameof(SubmitJobActivity),
            (_, request) => RunAsync<SubmitJobActivity, string>(services, a => a.RunAsync(Required(request), stopping)));
        registry.AddActivityFunc<string, EtlJobStatus>(
            nameof(GetJobStatusActivity),
            (_, jobId) => RunAsync<GetJobStatusActivity, EtlJobStatus>(services, a => a.RunAsync(Required(jobId), stopping)));
        registry.AddActivityFunc<TerminateJobRequest, object?>(
            nameof(TerminateJobActivity),
            (_, request) => RunAsync<TerminateJobActivity, object?>(services, async a =>
            {
                await a.RunAsync(Required(request), stopping);
                return null;
            }));
        registry.AddActivityFunc<RunRequest, ProcessedDataReport>(
            nameof(CheckProcessedDataActivity),
            (_, request) => RunAsync<CheckProcessedDataActivity, ProcessedDataReport>(services, a => a.RunAsync(Required(request), stopping)));
        registry.AddActivityFunc<RunRequest, PublishReport>(
            nameof(PublishOutputsActivity),
            (_, request) => RunAsync<PublishOutputsActivity, PublishReport>(services, a => a.RunAsync(Required(request), stopping)));
        return registry;
    }

    /// <summary>Fails fast, at start-up, when an activity class is not registered (hosts call <c>AddEtlActivities()</c>).</summary>
    public static void EnsureActivitiesRegistered(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        using var scope = services.CreateScope();
        var missing = ActivityTypes.Where(t => scope.ServiceProvider.GetService(t) is null).Select(t => t.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The DAG's activities {string.Join(", ", missing)} are not registered; call AddEtlActivities() (or register them) on the services given to the host.");
        }
    }

    private static async Task<TResult> RunAsync<TActivity, TResult>(IServiceProvider services, Func<TActivity, Task<TResult>> run)
        where TActivity : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TActivity>());
    }

    private static T Required<T>(T? input)
        where T : class => input ?? throw new ArgumentNullException(nameof(input), $"The activity got no {typeof(T).Name} input.");
}
