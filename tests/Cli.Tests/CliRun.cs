using TrendingTv.Cli.Application;

namespace TrendingTv.Cli.Tests;

/// <summary>Runs <c>trendingtv</c> in this process through <see cref="CliApplication.RunAsync"/>, capturing its stderr lines.</summary>
internal static class CliRun
{
    /// <summary>Every test's log goes to one file under the temp folder, never to the user's state folder.</summary>
    public static string LogFile { get; } = Path.Combine(Path.GetTempPath(), "trendingtv-cli-tests.log");

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
