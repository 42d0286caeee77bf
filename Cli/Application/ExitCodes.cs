namespace TrendingTv.Cli.Application;

/// <summary>The exit codes of every <c>trendingtv</c> command (the same as the streamer's).</summary>
public static class ExitCodes
{
    /// <summary>The work is done.</summary>
    public const int Success = 0;

    /// <summary>The work failed (a run failed, the lake could not be read, a file could not be written).</summary>
    public const int Failure = 1;

    /// <summary>A bad option, argument or setting; nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by SIGINT (Ctrl-C): 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
