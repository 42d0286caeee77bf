using Microsoft.Extensions.Hosting;

namespace TrendingTv.Streamer.Hosting;

/// <summary>
/// The host lifetime of the streamer's commands: does nothing itself. The command line owns SIGINT/SIGTERM (it
/// cancels the command's token and picks the exit code, 130 or 143), so the hosts do not install handlers of their own.
/// </summary>
public sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
