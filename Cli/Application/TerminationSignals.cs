using System.Runtime.InteropServices;

namespace TrendingTv.Cli.Application;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM for the whole process: the first signal cancels <see cref="Token"/>
/// and fixes the exit code (130 or 143); if the command has not stopped within the grace period, or a
/// second signal arrives, the process exits with that code at once. Writes go through temporary files
/// renamed into place, so a process stopped at any point leaves the lake consistent.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly TimeSpan _grace;
    private readonly Action<int, string> _stopping;
    private readonly Action<int> _exit;
    private int _exitCode;

    /// <param name="grace">How long the command may take to stop once signalled.</param>
    /// <param name="stopping">Told the exit code and the signal's name when the first signal arrives.</param>
    /// <param name="exit">Ends the process (<see cref="Environment.Exit"/>); called when the grace period ends or on a second signal.</param>
    public TerminationSignals(TimeSpan grace, Action<int, string> stopping, Action<int> exit)
    {
        _grace = grace;
        _stopping = stopping;
        _exit = exit;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM, null while no signal has arrived.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the command stops itself; the runtime must not end the process here
        var code = context.Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;
        var first = Interlocked.CompareExchange(ref _exitCode, code, 0);
        if (first != 0)
        {
            _exit(first);
            return;
        }

        _stopping(code, context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM");
        _ = Task.Run(async () =>
        {
            await _cancellation.CancelAsync();
            await Task.Delay(_grace);
            _exit(code);
        });
    }
}
