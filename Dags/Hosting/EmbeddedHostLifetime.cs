using Microsoft.Extensions.Hosting;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// The lifetime of the embedded host's inner hosts (sidecar and worker): they start and stop when the
/// <see cref="EmbeddedDagHost"/> does, never on a signal. The default console lifetime would swallow
/// SIGTERM and Ctrl-C and stop the worker under the application's feet, which then never learns of the signal.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
