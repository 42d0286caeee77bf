using Microsoft.Extensions.Hosting;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// A host lifetime that leaves signals alone: the command's cancellation token (Ctrl-C, SIGTERM, handled for
/// every command by the command line) is what stops a command's hosts, so that its exit code says why it stopped.
/// </summary>
public sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
