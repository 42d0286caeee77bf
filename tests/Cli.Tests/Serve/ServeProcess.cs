using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrendingTv.Cli.Tests.Serve;

/// <summary>
/// <c>trendingtv serve</c> as a child process on a loopback port (the built TrendingTv.Cli.dll beside the
/// tests), with the settings given as environment variables. Output is captured for assertions and failure
/// messages. <see cref="KillAsync"/> is kill -9; disposing kills what is left.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789abcdef";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly StringBuilder _output;

    private ServeProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client without the key.</summary>
    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts serve with <paramref name="settings"/> (environment variables) over the lake and state folders, and waits for /healthz.</summary>
    public static async Task<ServeProcess> StartAsync(string lake, string state, IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var listen = port ?? FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = state,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TrendingTv.Cli.dll"));
        startInfo.ArgumentList.Add("serve");
        startInfo.ArgumentList.Add("--lake");
        startInfo.ArgumentList.Add(lake);
        startInfo.ArgumentList.Add("--state");
        startInfo.ArgumentList.Add(state);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{listen}"));
        startInfo.Environment["Serve__ApiKey"] = ApiKey;
        startInfo.Environment["Durable__AzuritePath"] = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite");
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var serve = new ServeProcess(process, output, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{listen}")));
        try
        {
            await serve.WaitHealthyAsync();
            return serve;
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
    }

    /// <summary>A request with the key in the <c>x-functions-key</c> header.</summary>
    public HttpRequestMessage WithKey(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", ApiKey);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendWithKeyAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = WithKey(method, path, body);
        return await Client.SendAsync(request);
    }

    /// <summary>kill -9, and waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Sends a signal (SIGINT 2, SIGTERM 15) to serve.</summary>
    public void Signal(int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [string.Create(CultureInfo.InvariantCulture, $"-{signal}"), _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan hangGuard)
    {
        using var guard = new CancellationTokenSource(hangGuard);
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"serve exited with {_process.ExitCode} before it was healthy:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"serve was not healthy within {StartTimeout}:\n{Output}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
