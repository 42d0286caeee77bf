using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace TrendingTv.Cli.Tests.Serve;

/// <summary>The page serve shows at <c>/</c>, loaded in a real headless Chromium (Debian's, driven by playwright-core).</summary>
public sealed class ServedReportPageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_served_report_loads_in_a_browser_with_its_charts_and_tables_and_no_console_errors()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is missing: ./test.sh installs it (apt-get install -y chromium).");
        using var work = new TemporaryDirectory();
        var state = Path.Combine(work.Path, "state");
        Directory.CreateDirectory(state);
        await using var serve = await ServeProcess.StartAsync(RepositoryPaths.ReferenceLake, state, new Dictionary<string, string> { ["Durable__Backend"] = "InMemory" });
        await WaitForReportAsync(serve);
        var screenshot = Path.Combine(Path.GetTempPath(), "trendingtv-served-report.png");

        var page = await LoadAsync(serve.BaseAddress, screenshot, Path.Combine(work.Path, "chromium-profile"));

        output.WriteLine($"{page}\nscreenshot: {screenshot}");
        Assert.Equal(200, page.GetProperty("status").GetInt32());
        Assert.Equal("TrendingTv: popular and trending shows, 2020-11-02 .. 2020-12-01", page.GetProperty("heading").GetString());
        Assert.Equal(4, page.GetProperty("images").GetInt32());
        Assert.Equal(4, page.GetProperty("loadedImages").GetInt32());
        Assert.Equal(2, page.GetProperty("tables").GetInt32());
        Assert.True(page.GetProperty("rows").GetInt32() > 20, page.ToString());
        Assert.Empty(page.GetProperty("errors").EnumerateArray());
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static async Task WaitForReportAsync(ServeProcess serve)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var health = JsonDocument.Parse(await serve.Client.GetStringAsync("/healthz")).RootElement;
            if (health.GetProperty("report").TryGetProperty("to", out _))
            {
                return;
            }

            await Task.Delay(250, guard.Token);
        }
    }

    private static async Task<JsonElement> LoadAsync(Uri url, string screenshot, string profile)
    {
        var startInfo = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "Cli.Tests", "Serve", "report-page.js"));
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "node_modules", "playwright-core"));
        startInfo.ArgumentList.Add(url.ToString());
        startInfo.ArgumentList.Add(screenshot);
        startInfo.ArgumentList.Add(profile);
        using var node = Process.Start(startInfo)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await node.WaitForExitAsync(guard.Token);
        Assert.True(node.ExitCode == 0, await stderr);
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }
}
