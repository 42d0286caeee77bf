using System.Diagnostics;

namespace TrendingTv.Streamer.Tests.Commands;

/// <summary>Starts the real streamer executable (built beside the tests) as a child process.</summary>
internal static class StreamerProcess
{
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "trendingtv-streamer.dll");
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The streamer's own runtimeconfig lacks the ASP.NET Core framework the test output relies on
        // for shared Microsoft.Extensions assemblies: run it with the test assembly's.
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add("--runtimeconfig");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TrendingTv.Streamer.Tests.runtimeconfig.json"));
        info.ArgumentList.Add("--depsfile");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TrendingTv.Streamer.Tests.deps.json"));
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Metrics__Port"] = "0"; // tests that scrape the metrics give their own port
        info.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the streamer.");
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM) to the child, as Ctrl-C or systemd would.</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {process.Id}") { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("Could not run kill.");
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed ({kill.ExitCode}): {error}");
        }
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
