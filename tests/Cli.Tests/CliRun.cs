using TrendingTv.Cli.Application;

namespace TrendingTv.Cli.Tests;

/// <summary>Runs <c>trendingtv</c> in this process through <see cref="CliApplication.RunAsync"/>, capturing its stderr lines.</summary>
internal static class CliRun
{
    /// <summary>Every test's log goes to one file under the temp folder, never to the user's state folder.</summary>
    public static string LogFile { get; } = Path.Combine(Path.GetTempPath(), "trendingtv-cli-tests.log");

    /// <summary>Everything the tests have logged: the log file and the files it rolled over to.</summary>
    public static async Task<string> ReadWholeLogAsync()
    {
        var directory = Path.GetDirectoryName(LogFile)!;
        var stem = Path.GetFileNameWithoutExtension(LogFile);
        var files = Directory.EnumerateFiles(directory, $"{stem}*{Path.GetExtension(LogFile)}").Order(StringComparer.Ordinal);
        var texts = new List<string>();
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            texts.Add(await reader.ReadToEndAsync());
        }

        return string.Concat(texts);
    }

    public static async Task<CliOutcome> InProcessAsync(string[] args)
    {
        Environment.SetEnvironmentVariable(CliLog.PathVariable, LogFile);
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, error);
        return new CliOutcome(exitCode, error.ToString());
    }
}

/// <summary>How a command ended: its exit code and what it wrote to stderr.</summary>
internal sealed record CliOutcome(int ExitCode, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
