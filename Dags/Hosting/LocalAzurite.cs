using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// A local Azurite (the npm package, installed by <c>npm ci</c> in the repository) holding the durable
/// backend's state in a folder: blob, queue and table services on 127.0.0.1, ports picked by the OS.
/// It runs under <c>azurite-launcher.js</c>, which stops it when this process exits, even when killed.
/// Disposing stops it gracefully (Azurite saves its data on the way out).
/// </summary>
public sealed class LocalAzurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (public, documented by Azure; not a secret).</summary>
    private const string DevelopmentAccount = "devstoreaccount1";

    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private int _disposed;

    private LocalAzurite(Process process, StringBuilder stderr, string dataDirectory, (int Blob, int Queue, int Table) ports)
    {
        _process = process;
        _stderr = stderr;
        DataDirectory = dataDirectory;
        ConnectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports.Blob}/{DevelopmentAccount};" +
            $"QueueEndpoint=http://127.0.0.1:{ports.Queue}/{DevelopmentAccount};" +
            $"TableEndpoint=http://127.0.0.1:{ports.Table}/{DevelopmentAccount};");
    }

    /// <summary>The connection string of the local account (its key is Azurite's published development key).</summary>
    public string ConnectionString { get; }

    /// <summary>Where Azurite keeps its data.</summary>
    public string DataDirectory { get; }

    /// <summary>The launcher's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts Azurite over <paramref name="dataDirectory"/> (created if missing) and returns once it listens.</summary>
    /// <param name="dataDirectory">Where Azurite keeps its data; a later start on the same folder finds it again.</param>
    /// <param name="azuritePath">The azurite package folder; null: <c>node_modules/azurite</c> above the current directory or the application.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">node or azurite is missing, or Azurite did not start; the message says what to do.</exception>
    public static async Task<LocalAzurite> StartAsync(string dataDirectory, string? azuritePath = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var (node, launcher, module) = LocateInstallation(azuritePath);
        Directory.CreateDirectory(dataDirectory);
        var process = new Process { StartInfo = LauncherStartInfo(node, launcher, module, dataDirectory), EnableRaisingEvents = true };
        var stderr = new StringBuilder();
        var ports = WatchForPorts(process, stderr, dataDirectory);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var listening = await WaitUntilListeningAsync(ports.Task, stderr, cancellationToken);
            return new LocalAzurite(process, stderr, dataDirectory, listening);
        }
        catch
        {
            await StopAsync(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Finds node, the launcher script and the azurite package, or says what to install.</summary>
    private static (string Node, string Launcher, string Module) LocateInstallation(string? azuritePath)
    {
        var module = azuritePath is { Length: > 0 } ? Path.GetFullPath(azuritePath) : FindModule();
        if (!File.Exists(Path.Combine(module, "package.json")))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {module}: run 'npm ci' in the TrendingTv repository (or 'npm install azurite@3.37.0'), or set Durable:AzuritePath, or configure Durable:StorageConnectionString.");
        }

        var node = FindOnPath("node") ?? throw new InvalidOperationException(
            "Node.js ('node') is not on PATH; the local Azurite runs with it. Install Node.js 18 or later, or configure Durable:StorageConnectionString.");
        var launcher = Path.Combine(AppContext.BaseDirectory, "azurite-launcher.js");
        if (!File.Exists(launcher))
        {
            throw new InvalidOperationException($"The Azurite launcher {launcher} is missing from the installation.");
        }

        return (node, launcher, module);
    }

    private static ProcessStartInfo LauncherStartInfo(string node, string launcher, string module, string dataDirectory)
    {
        var startInfo = new ProcessStartInfo(node)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(launcher);
        startInfo.ArgumentList.Add(module);
        startInfo.ArgumentList.Add(Path.GetFullPath(dataDirectory));
        return startInfo;
    }

    /// <summary>
    /// Completes with the ports once the launcher prints them, or fails if it exits first; collects its stderr
    /// into <paramref name="stderr"/>. Subscribes before the process starts.
    /// </summary>
    private static TaskCompletionSource<(int, int, int)> WatchForPorts(Process process, StringBuilder stderr, string dataDirectory)
    {
        var ports = new TaskCompletionSource<(int, int, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && TryParsePorts(line, out var value))
            {
                ports.TrySetResult(value);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (stderr)
                {
                    stderr.AppendLine(line);
                }
            }
        };
        process.Exited += (_, _) => ports.TrySetException(new InvalidOperationException(
            $"Azurite exited with code {process.ExitCode} before it listened (data folder {dataDirectory}): {Text(stderr).Trim()}"));
        return ports;
    }

    private static async Task<(int, int, int)> WaitUntilListeningAsync(Task<(int, int, int)> ports, StringBuilder stderr, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            return await ports.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Azurite did not listen within {StartTimeout.TotalSeconds} s: {Text(stderr).Trim()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(_process);
        _process.Dispose();
    }

    /// <summary>What Azurite wrote to stderr so far, for failure messages.</summary>
    public string StandardError => Text(_stderr);

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            // Closing stdin asks the launcher to stop Azurite gracefully; kill it if it does not.
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
    }

    /// <summary><c>node_modules/azurite</c> in the first folder above the current directory or the application that has one.</summary>
    private static string FindModule()
    {
        string[] starts = [Environment.CurrentDirectory, AppContext.BaseDirectory];
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "node_modules", "azurite");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "node_modules", "azurite");
    }

    private static bool TryParsePorts(string line, out (int Blob, int Queue, int Table) ports)
    {
        ports = default;
        if (!line.StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            ports = (root.GetProperty("blob").GetInt32(), root.GetProperty("queue").GetInt32(), root.GetProperty("table").GetInt32());
            return ports.Blob > 0 && ports.Queue > 0 && ports.Table > 0;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? name + ".exe" : name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Text(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
