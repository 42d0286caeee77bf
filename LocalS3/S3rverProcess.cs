using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.LocalS3;

/// <summary>
/// A running s3rver (the npm package pinned in the repository's package.json) on 127.0.0.1, on a port
/// the OS picked, storing into a fresh temporary folder. Disposing stops it and deletes the folder.
/// Shared by the tests' xunit <c>S3rverFixture</c> and the storage benchmark.
/// </summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    /// <summary>s3rver's only access key (and secret). It refuses other access keys but does not verify SigV4 signatures.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The region the clients sign for; s3rver accepts any.</summary>
    public const string Region = "us-east-1";

    /// <summary>The launcher script, relative to the repository root.</summary>
    public const string LauncherPath = "LocalS3/s3rver-launcher.js";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private int _disposed;

    private S3rverProcess(Process process, StringBuilder stderr, int port, string dataDirectory)
    {
        _process = process;
        _stderr = stderr;
        Port = port;
        DataDirectory = dataDirectory;
        ServiceUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
    }

    /// <summary>The loopback port s3rver listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string ServiceUrl { get; }

    /// <summary>The id of the node process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The temporary folder s3rver stores buckets in.</summary>
    public string DataDirectory { get; }

    /// <summary>The credentials s3rver checks signatures against (S3RVER/S3RVER).</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKey, AccessKey);

    /// <summary>Starts s3rver and returns once it answers an S3 request.</summary>
    /// <param name="repositoryRoot">The checkout holding node_modules/s3rver; found by <see cref="RepositoryRoot"/> when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">node or s3rver is missing, or s3rver did not start; the message says what to do.</exception>
    // Long for a reason: starting, waiting for the port, probing and cleaning up on each failure are one sequence.
    public static async Task<S3rverProcess> StartAsync(string? repositoryRoot = null, CancellationToken cancellationToken = default)
    {
        var root = repositoryRoot ?? RepositoryRoot.Find();
        var node = FindNode() ?? throw new InvalidOperationException(
            "Node.js ('node') is not on PATH; the S3 tests run s3rver with it. Install Node.js 18 or later, then run 'npm ci' in " + root + ".");
        var module = Path.Combine(root, "node_modules", "s3rver");
        if (!File.Exists(Path.Combine(module, "package.json")))
        {
            throw new InvalidOperationException($"s3rver is not installed: {module} does not exist. Run 'npm ci' in {root} (./test.sh does).");
        }

        var launcher = Path.Combine(root, LauncherPath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(launcher))
        {
            throw new InvalidOperationException($"The s3rver launcher {launcher} is missing from the checkout.");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("trendingtv-s3rver-").FullName;
        var startInfo = new ProcessStartInfo(node)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17+) only has in its legacy provider.
        startInfo.ArgumentList.Add("--openssl-legacy-provider");
        startInfo.ArgumentList.Add(launcher);
        startInfo.ArgumentList.Add(module);
        startInfo.ArgumentList.Add(dataDirectory);

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var stderr = new StringBuilder();
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && TryParsePort(line, out var value))
            {
                port.TrySetResult(value);
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
        process.Exited += (_, _) => port.TrySetException(new InvalidOperationException(
            $"s3rver exited with code {process.ExitCode} before it listened. Run 'npm ci' in {root}. stderr:\n{Text(stderr)}"));

        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw new InvalidOperationException($"Could not run '{node}' to start s3rver: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3rverProcess(process, stderr, 0, dataDirectory);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            int listening;
            try
            {
                listening = await port.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"s3rver did not report a port within {StartTimeout.TotalSeconds} s. stderr:\n{Text(stderr)}");
            }

            server = new S3rverProcess(process, stderr, listening, dataDirectory);
            using var client = server.CreateClient();
            await client.ListBucketsAsync(timeout.Token); // answers S3 requests
            return server;
        }
        catch
        {
            await server.DisposeAsync(); // stops the process and deletes the folder
            throw;
        }
    }

    /// <summary>
    /// Lake options for an s3:// root on this server: service URL, region, path-style addressing.
    /// Pass <see cref="Credentials"/> to <see cref="ObjectStoreFactory"/> with them.
    /// </summary>
    public LakeOptions OptionsFor(string bucket, string? prefix = null) => new()
    {
        Root = string.IsNullOrEmpty(prefix) ? $"s3://{bucket}" : $"s3://{bucket}/{prefix.Trim('/')}",
        ServiceUrl = ServiceUrl,
        Region = Region,
        ForcePathStyle = true,
    };

    /// <summary>A new S3 client for this server, configured as production configures one for an S3-compatible endpoint.</summary>
    public IAmazonS3 CreateClient(HttpClientFactory? httpClientFactory = null) => ObjectStoreFactory.CreateS3Client(OptionsFor("s3rver"), Credentials, httpClientFactory);

    /// <summary>What s3rver wrote to stderr so far, for failure messages.</summary>
    public string StandardError => Text(_stderr);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                // Closing stdin asks the launcher to close the server and exit; kill it if it does not.
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private static bool TryParsePort(string line, out int port)
    {
        port = 0;
        if (!line.StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("port", out var value) && value.TryGetInt32(out port) && port > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? FindNode()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : ["node"];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
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
