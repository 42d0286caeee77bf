using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using TrendingTv.Dags.Triggers;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// The management endpoints behind <see cref="ServeInstanceUrls"/>, answering like the Functions host's
/// durable webhooks: the status of an instance (202 while it is pending or running, 200 once it ended,
/// 404 unknown), terminate, suspend, resume (202) and purge (200, 404 unknown).
/// </summary>
internal static class InstanceEndpoints
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup(ServeInstanceUrls.InstancesRoute);
        instances.MapGet("/{instanceId}", StatusAsync);
        instances.MapPost("/{instanceId}/terminate", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ChangeAsync(instanceId, client, ct, () => client.TerminateInstanceAsync(instanceId, reason ?? "terminated through serve's API", ct)));
        instances.MapPost("/{instanceId}/suspend", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ChangeAsync(instanceId, client, ct, () => client.SuspendInstanceAsync(instanceId, reason, ct)));
        instances.MapPost("/{instanceId}/resume", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ChangeAsync(instanceId, client, ct, () => client.ResumeInstanceAsync(instanceId, reason, ct)));
        instances.MapDelete("/{instanceId}", PurgeAsync);
        return instances;
    }

    private static async Task<IResult> StatusAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return new TriggerHttpResult(new TriggerResponse(HttpStatusCode.NotFound, new { id = instanceId, error = $"No instance {instanceId} exists." }));
        }

        var running = instance.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
        return new TriggerHttpResult(new TriggerResponse(
            running ? HttpStatusCode.Accepted : HttpStatusCode.OK,
            new
            {
                name = instance.Name,
                instanceId = instance.InstanceId,
                runtimeStatus = instance.RuntimeStatus.ToString(),
                input = RunStatusTrigger.ParseJson(instance.SerializedInput),
                customStatus = RunStatusTrigger.ParseJson(instance.SerializedCustomStatus),
                output = RunStatusTrigger.ParseJson(instance.SerializedOutput) ?? (instance.FailureDetails is { } f ? RunStatusTrigger.ParseJson(System.Text.Json.JsonSerializer.Serialize(f.ErrorMessage)) : null),
                createdTime = instance.CreatedAt,
                lastUpdatedTime = instance.LastUpdatedAt,
            }));
    }

    private static async Task<IResult> ChangeAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken, Func<Task> change)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
        {
            return new TriggerHttpResult(new TriggerResponse(HttpStatusCode.NotFound, new { id = instanceId, error = $"No instance {instanceId} exists." }));
        }

        await change();
        return Results.StatusCode((int)HttpStatusCode.Accepted);
    }

    private static async Task<IResult> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var purged = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return purged.PurgedInstanceCount == 0
            ? new TriggerHttpResult(new TriggerResponse(HttpStatusCode.NotFound, new { id = instanceId, error = $"No finished instance {instanceId} to purge." }))
            : new TriggerHttpResult(new TriggerResponse(HttpStatusCode.OK, new { instancesDeleted = purged.PurgedInstanceCount }));
    }
}
