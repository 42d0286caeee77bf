using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Options;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// The durable backend of a command that keeps state (<c>serve</c>, <c>run --durable</c>): Azure Storage on the
/// configured connection string, or, when none is configured, on a local Azurite started over the state
/// folder and stopped with the session. The in-memory backend, if configured, is used as it is.
/// </summary>
internal sealed class DurableSession : IAsyncDisposable
{
    private readonly LocalAzurite? _azurite;

    private DurableSession(DurableBackendOptions backend, LocalAzurite? azurite)
    {
        Backend = backend;
        _azurite = azurite;
    }

    /// <summary>The backend to start the DAG host on (with the local Azurite's connection string if one was started).</summary>
    public DurableBackendOptions Backend { get; }

    /// <summary>Where the state lives, for messages (never the connection string).</summary>
    public string Description => Backend.Backend == DurableBackend.InMemory
        ? "in memory (lost on exit)"
        : _azurite is not null ? $"local Azurite in {_azurite.DataDirectory}, task hub {Backend.TaskHub}" : $"the configured storage account, task hub {Backend.TaskHub}";

    public static async Task<DurableSession> StartAsync(DurableBackendOptions configured, StateFolder state, CancellationToken cancellationToken)
    {
        if (!configured.NeedsLocalAzurite)
        {
            return new DurableSession(configured, null);
        }

        var azurite = await LocalAzurite.StartAsync(state.AzuriteDirectory, configured.AzuritePath, cancellationToken);
        var backend = new DurableBackendOptions
        {
            Backend = DurableBackend.AzureStorage,
            StorageConnectionString = azurite.ConnectionString,
            TaskHub = configured.TaskHub,
            PartitionCount = configured.PartitionCount,
            MaxQueuePollingInterval = configured.MaxQueuePollingInterval,
            MessageVisibilityTimeout = configured.MessageVisibilityTimeout,
        };
        return new DurableSession(backend, azurite);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
