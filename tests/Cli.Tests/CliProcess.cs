using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TrendingTv.Cli.Tests;

/// <summary>
/// <c>trendingtv</c> as a real child process (<c>dotnet TrendingTv.Cli.dll …</c>): its stdout and stderr
/// lines as they come, real signals, and its exit code. The guard timeouts only keep a broken test
/// from hanging; no test asserts how long anything takes.
/// </summary>
internal sealed partial class CliProcess : IDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();
    private readonly SemaphoreSlim _lines = new(0);

    private CliProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _output);

    public string Error => string.Join('\n', _error);

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TrendingTv.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TRENDINGTV_LOG_FILE"] = CliRun.LogFile;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Add(cli._output, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Add(cli._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs to the end and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var cli = Start(args, environment);
        var code = await cli.WaitForExitAsync();
        return (code, cli.Output, cli.Error);
    }

    /// <summary>Waits until stdout or stderr has a line containing <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (!_output.Concat(_error).Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited ({_process.ExitCode}) before printing '{text}'. stdout: {Output} stderr: {Error}");
            }

            await _lines.WaitAsync(TimeSpan.FromMilliseconds(200), guard.Token);
        }
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"trendingtv did not exit within the guard. stdout: {Output} stderr: {Error}");
        }

        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Add(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
            _lines.Release();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
