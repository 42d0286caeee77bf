using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using TrendingTv.Dags.Options;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// The Azure Storage durable backend (DurableTask.AzureStorage, the one Durable Functions uses): the
/// task hub's tables, queues and blobs in the configured account, created when missing.
/// </summary>
internal static class AzureStorageBackend
{
    private const int MaxActivityWorkItems = 32;
    private const int MaxOrchestrationWorkItems = 64;

    public static async Task<SidecarCompatibleOrchestrationService> CreateAsync(DurableBackendOptions options, ILoggerFactory loggerFactory)
    {
        if (string.IsNullOrWhiteSpace(options.StorageConnectionString))
        {
            throw new ArgumentException(
                $"The {DurableBackend.AzureStorage} backend needs {DurableBackendOptions.SectionName}:{nameof(DurableBackendOptions.StorageConnectionString)} (or a local Azurite started by the command).",
                nameof(options));
        }

        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnectionString),
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = MaxActivityWorkItems,
            MaxConcurrentTaskOrchestrationWorkItems = MaxOrchestrationWorkItems,

            // One process per task hub: the app lease only makes a restarted process wait for its own dead lease.
            UseAppLease = false,
            LoggerFactory = loggerFactory,
        };

        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        return new SidecarCompatibleOrchestrationService(service, loggerFactory.CreateLogger(typeof(AzureStorageBackend)));
    }
}
