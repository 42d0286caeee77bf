namespace TrendingTv.Streamer.Commands;

/// <summary>The exit codes of every <c>streamer</c> command.</summary>
public static class ExitCodes
{
    public const int Done = 0;

    /// <summary>The work failed (an hour failed to upload, capture never connected or was refused, a store or file error).</summary>
    public const int Failure = 1;

    /// <summary>A bad option or setting (the message starts <c>Configuration error:</c> for settings).</summary>
    public const int Usage = 2;

    /// <summary>Stopped by SIGINT (Ctrl-C), after committing what was read.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, after committing what was read.</summary>
    public const int Terminated = 143;
}
