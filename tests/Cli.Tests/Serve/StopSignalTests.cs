using System.Diagnostics;
using System.Globalization;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Cli.Tests.Serve;

/// <summary>Ctrl-C and SIGTERM stop <c>serve</c> and a <c>run</c> in progress; the time limits only guard against a hang.</summary>
public sealed class StopSignalTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    public async Task A_stop_signal_ends_serve(int signal)
    {
        using var work = new TemporaryDirectory();
        var state = Path.Combine(work.Path, "state");
        Directory.CreateDirectory(state);
        await using var serve = await ServeProcess.StartAsync(Path.Combine(work.Path, "lake"), state, new Dictionary<string, string> { ["Durable__Backend"] = "InMemory" });

        serve.Signal(signal);
        var exit = await serve.WaitForExitAsync(HangGuard);

        Assert.NotEqual(0, exit);
        Assert.True(serve.HasExited);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    public async Task A_stop_signal_ends_a_run_whose_jobs_are_in_progress(int signal)
    {
        using var work = new TemporaryDirectory();
        var lake = Path.Combine(work.Path, "lake");
        for (var date = new DateOnly(2020, 11, 1); date <= new DateOnly(2020, 11, 5); date = date.AddDays(1))
        {
            var key = LakeLayout.RawTmdbDayKey(date);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(lake, key))!);
            await File.WriteAllTextAsync(Path.Combine(lake, key), "{\"id\":1}\n");
        }

        // The EMR engine at a closed port: every submission waits 30 minutes for its retry, so the runs stay in progress.
        var startInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work.Path };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "TrendingTv.Cli.dll"), "run", "--from", "2020-11-01", "--to", "2020-11-05", "--dataset", "tmdb", "--lake", lake })
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["Engine__Kind"] = "emr";
        startInfo.Environment["Engine__Emr__Region"] = "us-east-1";
        startInfo.Environment["Engine__Emr__ServiceUrl"] = "http://127.0.0.1:9";
        startInfo.Environment["Engine__Emr__LogUri"] = "s3://trendingtv-test-logs/";
        startInfo.Environment["Engine__Emr__MaxRetryAttempts"] = "0";
        startInfo.Environment["AWS_ACCESS_KEY_ID"] = "test";
        startInfo.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        startInfo.Environment["Dags__ActivityFirstRetryInterval"] = "00:30:00";
        startInfo.Environment["Dags__ActivityMaxRetryInterval"] = "01:00:00";
        using var run = Process.Start(startInfo)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(8)); // the host is up and the runs are waiting for their retries

        using (var kill = Process.Start("kill", [string.Create(CultureInfo.InvariantCulture, $"-{signal}"), run.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var guard = new CancellationTokenSource(HangGuard);
        await run.WaitForExitAsync(guard.Token);

        Assert.True(run.HasExited, await stderr);
        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("   at ", await stderr + await stdout, StringComparison.Ordinal);
    }
}
