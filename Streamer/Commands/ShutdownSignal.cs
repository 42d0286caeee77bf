using System.Runtime.InteropServices;

namespace TrendingTv.Streamer.Commands;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM for a command: the first cancels <see cref="Token"/> (the command commits what it read
/// and stops) and decides the exit code (130 or 143); a second one ends the process at once.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public ShutdownSignal()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The signal received first, if any.</summary>
    public PosixSignal? Received => _received == 0 ? null : (PosixSignal)_received;

    /// <summary>130 after SIGINT, 143 after SIGTERM; null when no signal came.</summary>
    public int? ExitCode => Received switch
    {
        PosixSignal.SIGINT => ExitCodes.Interrupted,
        PosixSignal.SIGTERM => ExitCodes.Terminated,
        _ => null,
    };

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) != 0)
        {
            return; // a second signal: the default action ends the process
        }

        context.Cancel = true;
        _stop.Cancel();
    }
}
