using System.Net;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Triggers;

namespace TrendingTv.Dags.Tests;

/// <summary>The run status query when the durable backend cannot answer, or answers with a state a run left behind after a kill.</summary>
public sealed class RunStatusTriggerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_backend_that_cannot_read_the_run_is_a_503_naming_the_run_and_the_reason_and_is_logged()
    {
        var client = new Mock<DurableTaskClient>("test") { CallBase = true };
        client.Setup(c => c.GetInstancesAsync("tweet-2026-03-05", true, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RpcException(new Status(StatusCode.Unknown, "Exception was thrown by handler.")));
        var logger = new FakeLogger();

        var response = await RunStatusTrigger.GetAsync(client.Object, "tweet", "2026-03-05", logger, CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(response.BodyJson);
        Assert.Equal("tweet-2026-03-05", body.RootElement.GetProperty("id").GetString());
        Assert.Contains("could not read run tweet-2026-03-05", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.IsType<RpcException>(logger.LatestRecord.Exception);
    }

    [Fact]
    public async Task A_run_whose_instance_row_lost_its_name_is_read_with_an_empty_name()
    {
        var hub = azurite.NewTaskHub();
        using var backend = await AzureStorageBackend.CreateAsync(hub, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var instance = new OrchestrationInstance { InstanceId = "tweet-2026-03-05", ExecutionId = Guid.NewGuid().ToString("N") };
        await backend.CreateTaskOrchestrationAsync(new TaskMessage
        {
            Event = new ExecutionStartedEvent(-1, "null") { Name = "EtlDagOrchestrator", OrchestrationInstance = instance },
            OrchestrationInstance = instance,
        });
        await RemoveNameAsync(hub.StorageConnectionString!, hub.TaskHub, instance.InstanceId);

        var state = await backend.GetOrchestrationStateAsync(instance.InstanceId, executionId: null!);
        var all = await backend.GetOrchestrationStateAsync(instance.InstanceId, allExecutions: false);

        Assert.Equal(string.Empty, state.Name);
        Assert.Equal(OrchestrationStatus.Pending, state.OrchestrationStatus);
        Assert.All(all, s => Assert.Equal(string.Empty, s.Name));
    }

    /// <summary>Rewrites the run's row of the task hub's Instances table without its Name, as a doubled start can leave it.</summary>
    private static async Task RemoveNameAsync(string connectionString, string taskHub, string instanceId)
    {
        var table = new Azure.Data.Tables.TableClient(connectionString, taskHub + "Instances");
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(instanceId, string.Empty)).Value;
        Assert.True(row.Remove("Name"), "the instance row has no Name to remove");
        await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
    }
}
