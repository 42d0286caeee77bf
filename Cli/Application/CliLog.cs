using Serilog;
using Serilog.Events;

namespace TrendingTv.Cli.Application;

/// <summary>
/// The CLI's log file, where the details of every error go (its one-line message goes to stderr):
/// <c>$TRENDINGTV_LOG_FILE</c>, else <c>$XDG_STATE_HOME/trendingtv/trendingtv.log</c>, else
/// <c>~/.local/state/trendingtv/trendingtv.log</c>. Several processes may append to it at once.
/// </summary>
public static class CliLog
{
    /// <summary>The environment variable that names the log file.</summary>
    public const string PathVariable = "TRENDINGTV_LOG_FILE";

    /// <summary>The log file of this process.</summary>
    public static string FilePath()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path)
        {
            return Path.GetFullPath(path);
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "trendingtv", "trendingtv.log");
    }

    /// <summary>A logger appending to <see cref="FilePath"/> (a log that cannot be opened is skipped, never fatal).</summary>
    public static Serilog.Core.Logger CreateLogger(LogEventLevel minimum = LogEventLevel.Information) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Grpc", LogEventLevel.Warning)
            .Enrich.WithProperty("ProcessId", Environment.ProcessId)
            .WriteTo.File(
                FilePath(),
                shared: true,
                fileSizeLimitBytes: 10 << 20,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 3,
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] pid {ProcessId} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
}
