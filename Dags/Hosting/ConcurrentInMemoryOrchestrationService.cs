using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// The in-memory backend with more work items in flight. Its base caps orchestration and activity work
/// items at <see cref="Environment.ProcessorCount"/>, and the sidecar's dispatcher, once at the cap,
/// looks again only every 500 ms: on a 2-core machine a backfill of a few concurrent runs then spends
/// most of its time waiting. The items are short (a replay, a lake listing), so a higher cap is safe.
/// Re-implementing the interface is the only way in: the base's members are not virtual.
/// </summary>
internal sealed class ConcurrentInMemoryOrchestrationService(ILoggerFactory? loggerFactory, int maxWorkItems)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => maxWorkItems;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => maxWorkItems;
}
