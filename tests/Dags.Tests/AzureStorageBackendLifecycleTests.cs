using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TrendingTv.Dags.Hosting;

namespace TrendingTv.Dags.Tests;

/// <summary>
/// The Azure Storage backend's start and stop (a local Azurite) as the sidecar calls them: from its host's
/// handlers, in any order, possibly twice. A throw there would end the process, so a stop never throws.
/// </summary>
public sealed class AzureStorageBackendLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Stopping_a_backend_that_never_started_does_nothing()
    {
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = new LoggerFactory([logs]);
        using var backend = await AzureStorageBackend.CreateAsync(azurite.NewTaskHub(), loggerFactory);

        await backend.StopAsync(isForced: true);
        await backend.StopAsync();

        Assert.DoesNotContain(logs.Collector.GetSnapshot(), r => r.Category == typeof(AzureStorageBackend).FullName && r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_stop_while_the_backend_is_starting_waits_for_the_start_then_stops_it_once()
    {
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = new LoggerFactory([logs]);
        using var backend = await AzureStorageBackend.CreateAsync(azurite.NewTaskHub(), loggerFactory);

        var start = backend.StartAsync();
        var stops = new[] { backend.StopAsync(isForced: false), backend.StopAsync(isForced: true) };
        await start;
        await Task.WhenAll(stops);

        Assert.DoesNotContain(logs.Collector.GetSnapshot(), r => r.Category == typeof(AzureStorageBackend).FullName && r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_host_stopped_as_soon_as_it_started_stops_cleanly()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dag = await DagHarness.StartAsync(backend: azurite.NewTaskHub());
            await dag.DisposeAsync();
        }
    }
}
