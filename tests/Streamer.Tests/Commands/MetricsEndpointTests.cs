using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using TrendingTv.Fixtures.X;

namespace TrendingTv.Streamer.Tests.Commands;

public sealed class MetricsEndpointTests : IDisposable
{
    private static readonly string[] Names =
    [
        "trendingtv_posts_received_total{",
        "trendingtv_posts_kept_total{",
        "trendingtv_source_disconnects_total{",
        "trendingtv_source_gap_seconds_total{",
        "trendingtv_upload_hours_waiting",
        "trendingtv_capture_store_size_bytes",
    ];

    private readonly string _folder = TestFiles.NewScratchFolder();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Streamer_run_serves_its_metrics_as_Prometheus_text_on_loopback_and_stops_on_SIGTERM()
    {
        await using var x = await FakeXServer.StartAsync();
        x.Enqueue(
            FakeXConnection.Accept(FakeXStreamStep.Message(SignalTests.V2Post(1)), FakeXStreamStep.Message(SignalTests.V2Post(2)), FakeXStreamStep.End),
            FakeXConnection.Accept(FakeXStreamStep.Message(SignalTests.V2Post(3))));
        var (child, port) = await StartWithAFreePortAsync(x);
        using var started = child;
        using var http = new HttpClient();

        var text = string.Empty;
        await SignalTests.WaitUntilAsync(child, () =>
        {
            text = Scrape(http, port);
            return Names.All(n => text.Contains(n, StringComparison.Ordinal)) && text.Contains("source=\"x\"", StringComparison.Ordinal);
        });
        StreamerProcess.Signal(child, "TERM");
        await SignalTests.ExitAsync(child);

        Assert.Contains("trendingtv_posts_kept_total{", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"closed\"", text, StringComparison.Ordinal);
        Assert.Equal(143, child.ExitCode);
    }

    /// <summary>
    /// Starts <c>run</c> on a port that was free a moment ago; on a busy machine another process may take it first,
    /// and then the streamer exits at once saying its listener could not start: try another port.
    /// </summary>
    private async Task<(System.Diagnostics.Process Child, int Port)> StartWithAFreePortAsync(FakeXServer x)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var environment = new Dictionary<string, string>
            {
                ["X__BaseUrl"] = x.BaseAddress.ToString(),
                ["X__BearerToken"] = x.BearerToken,
                ["Schedules__TmdbEnabled"] = "false",
                ["Metrics__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var child = StreamerProcess.Start(_folder, environment, "--db", Path.Combine(_folder, "capture.db"), "run");
            using var http = new HttpClient();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // a safety net, not timing
            while (!child.HasExited && Scrape(http, port).Length == 0)
            {
                await Task.Delay(20, limit.Token);
            }

            if (!child.HasExited || attempt == 3)
            {
                return (child, port);
            }

            child.Dispose();
        }
    }

    private static string Scrape(HttpClient http, int port)
    {
        try
        {
            return http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")).GetAwaiter().GetResult();
        }
        catch (HttpRequestException)
        {
            return string.Empty; // not listening yet
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
