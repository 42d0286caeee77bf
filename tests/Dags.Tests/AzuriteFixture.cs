using System.Globalization;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Options;

namespace TrendingTv.Dags.Tests;

/// <summary>
/// One local Azurite (the repository's npm package, started by the production <see cref="LocalAzurite"/>)
/// for the tests of the Azure Storage backend; each test takes a task hub of its own.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private LocalAzurite? _azurite;
    private string? _dataDirectory;
    private int _hubs;

    public LocalAzurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    public async Task InitializeAsync()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("dags-tests-azurite-").FullName;
        _azurite = await LocalAzurite.StartAsync(_dataDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>Backend options for a task hub no other test uses, with short timeouts so that a stopped host's work comes back fast.</summary>
    public DurableBackendOptions NewTaskHub() => new()
    {
        Backend = DurableBackend.AzureStorage,
        StorageConnectionString = Azurite.ConnectionString,
        TaskHub = string.Create(CultureInfo.InvariantCulture, $"test{Interlocked.Increment(ref _hubs)}x{Guid.NewGuid():N}")[..20],
        PartitionCount = 2,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
        MessageVisibilityTimeout = TimeSpan.FromSeconds(5),
    };
}
