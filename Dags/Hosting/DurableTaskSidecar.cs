using System.Net;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// The gRPC sidecar that Microsoft.DurableTask workers and clients talk to, over any DurableTask.Core
/// backend: <c>TaskHubGrpcServer</c> (from Microsoft.DurableTask.InProcessTestHost) on a loopback Kestrel
/// HTTP/2 port the OS picks. The only class that depends on that package: the sidecar and the in-memory
/// backend are all the embedded host takes from it. One worker per sidecar (the server streams work items
/// to a single connection).
/// </summary>
internal sealed class DurableTaskSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DurableTaskSidecar(WebApplication app, IOrchestrationService service, Uri address)
    {
        _app = app;
        Service = service;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>The backend the sidecar dispatches from.</summary>
    public IOrchestrationService Service { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public Uri Address { get; }

    /// <summary>The channel the worker and the client share.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>
    /// The in-memory backend with more work items in flight than its default. The base caps orchestration and
    /// activity work items at <see cref="Environment.ProcessorCount"/>, and the dispatcher, once at the cap,
    /// looks again only every 500 ms: on a 2-core machine a backfill of a few concurrent runs then spends most
    /// of its time waiting. The items are short (a replay, a lake listing), so a higher cap is safe.
    /// </summary>
    public static IOrchestrationService InMemory(ILoggerFactory loggerFactory, int maxWorkItems) =>
        new ConcurrentInMemoryOrchestrationService(loggerFactory, maxWorkItems);

    /// <summary>Starts the sidecar over <paramref name="service"/> (which implements both the service and its client).</summary>
    public static async Task<DurableTaskSidecar> StartAsync(IOrchestrationService service, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var client = service as IOrchestrationServiceClient
            ?? throw new ArgumentException($"{service.GetType().Name} is not an orchestration service client.", nameof(service));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "trendingtv-durable-sidecar" });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        try
        {
            await app.StartAsync(cancellationToken);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var port = new Uri(bound).Port;
            return new DurableTaskSidecar(app, service, new Uri($"http://127.0.0.1:{port}"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
            Channel.Dispose();
        }
    }

    /// <summary>Re-implements the interface: the base's members are not virtual.</summary>
    private sealed class ConcurrentInMemoryOrchestrationService(ILoggerFactory loggerFactory, int maxWorkItems)
        : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
    {
        int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => maxWorkItems;

        int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => maxWorkItems;
    }
}
