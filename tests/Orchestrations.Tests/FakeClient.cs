using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace TrendingTv.Orchestrations.Tests;

/// <summary>A mocked durable client: instances it knows by id, and every orchestration it was asked to start.</summary>
public sealed class FakeClient
{
    private readonly Dictionary<string, OrchestrationMetadata> _instances = new(StringComparer.Ordinal);

    public FakeClient()
    {
        Mock = new Mock<DurableTaskClient>("test") { CallBase = true };
        Mock.Setup(c => c.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => _instances.GetValueOrDefault(id));
        Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                Started.Add((name.Name, input, options?.InstanceId));
                return options?.InstanceId ?? "generated";
            });
    }

    public Mock<DurableTaskClient> Mock { get; }

    public DurableTaskClient Client => Mock.Object;

    public List<(string Name, object? Input, string? InstanceId)> Started { get; } = [];

    public void Add(OrchestrationMetadata instance) => _instances[instance.InstanceId] = instance;

    public static OrchestrationMetadata Instance(string name, string id, OrchestrationRuntimeStatus status) =>
        new(name, id) { RuntimeStatus = status, CreatedAt = new DateTimeOffset(2026, 11, 29, 1, 30, 0, TimeSpan.Zero), LastUpdatedAt = new DateTimeOffset(2026, 11, 29, 1, 42, 0, TimeSpan.Zero) };
}
