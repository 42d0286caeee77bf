using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrendingTv.Activities.Engines;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// Resumes, at start-up, the local jobs an earlier process left running (<see cref="JournaledLocalEngine.ResumeLostJobsAsync"/>).
/// Registered before the durable backend, so it has run before the worker replays any sensor.
/// </summary>
public sealed class LostLocalJobsResumer(IServiceProvider services, IOptions<EngineOptions> engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        engine.Value.NormalizedKind == EngineKind.Emr
            ? Task.CompletedTask
            : services.GetRequiredService<JournaledLocalEngine>().ResumeLostJobsAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
