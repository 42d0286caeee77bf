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

    /// <summary>Size at which the log rolls over to a numbered file (<c>trendingtv_001.log</c>, …); three files are kept.</summary>
    public const long RollOverBytes = 10 << 20;

    /// <summary>A logger appending to <see cref="FilePath"/> (a log that cannot be opened is skipped, never fatal).</summary>
    public static Serilog.Core.Logger CreateLogger(LogEventLevel minimum = LogEventLevel.Information) =>
        CreateLogger(FilePath(), RollOverBytes, minimum);

    /// <summary>A logger appending to <paramref name="path"/>, rolling over at <paramref name="rollOverBytes"/>.</summary>
    public static Serilog.Core.Logger CreateLogger(string path, long rollOverBytes, LogEventLevel minimum = LogEventLevel.Information) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Grpc", LogEventLevel.Warning)
            .Enrich.WithProperty("ProcessId", Environment.ProcessId)
            .WriteTo.File(
                path,
                shared: true,
                fileSizeLimitBytes: rollOverBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 3,
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] pid {ProcessId} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();

    /// <summary>
    /// The file being written now, so an error message names the file its details are in: once the log has
    /// rolled over, that is the latest numbered file beside <paramref name="path"/> (Serilog writes
    /// <c>trendingtv.log</c>, then <c>trendingtv_001.log</c>, <c>trendingtv_002.log</c>, …), not the path itself.
    /// </summary>
    public static string CurrentFile(string? path = null)
    {
        path ??= FilePath();
        var directory = Path.GetDirectoryName(path);
        if (directory is null || !Directory.Exists(directory))
        {
            return path;
        }

        var stem = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        var latest = Directory.EnumerateFiles(directory, $"{stem}_*{extension}")
            .Select(file => (File: file, Sequence: RolledSequence(Path.GetFileNameWithoutExtension(file), stem)))
            .Where(rolled => rolled.Sequence > 0)
            .OrderByDescending(rolled => rolled.Sequence)
            .Select(rolled => rolled.File)
            .FirstOrDefault();
        return latest ?? path;
    }

    /// <summary>The sequence number of a rolled file's name (<c>stem_001</c> → 1), or 0 when the name is not one.</summary>
    private static long RolledSequence(string name, string stem) =>
        name.Length > stem.Length + 1 && name[(stem.Length + 1)..].All(char.IsAsciiDigit)
            && long.TryParse(name[(stem.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;
}
