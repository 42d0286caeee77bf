using System.Diagnostics;

namespace TrendingTv.Cli.Tests.Serve;

/// <summary><c>trendingtv run</c> as a user runs it (a child process): the backfill's range cap applies.</summary>
public sealed class RunCommandTests
{
    [Theory]
    [InlineData("2019-01-01", "2020-12-31", "The range 2019-01-01 to 2020-12-31 has 731 days; at most 366 are allowed. Split the range, or pass --allow-long-range.")]
    [InlineData("2020-01-01", "2021-01-01", "The range 2020-01-01 to 2021-01-01 has 367 days; at most 366 are allowed.")]
    [InlineData("2020-11-22", "2020-11-21", "--from 2020-11-22 is after --to 2020-11-21.")]
    public async Task A_range_the_backfill_would_refuse_is_a_usage_error_naming_the_range(string from, string to, string expected)
    {
        using var work = new TemporaryDirectory();

        var (exit, stdout, stderr) = await RunAsync(work.Path, "run", "--from", from, "--to", to, "--lake", Path.Combine(work.Path, "lake"));

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(work.Path, "lake", "tweet_stat")));
    }

    [Fact]
    public async Task The_cap_can_be_lifted_explicitly()
    {
        using var work = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(work.Path, "lake"));

        var (exit, stdout, stderr) = await RunAsync(work.Path, "run", "--from", "2019-01-01", "--to", "2020-01-02", "--dataset", "tmdb", "--allow-long-range", "--lake", Path.Combine(work.Path, "lake"));

        // Past the cap, the runs start; with no raw data every one fails at its raw check.
        Assert.True(exit == 1, stdout + stderr);
        Assert.Contains("tmdb-2020-01-02", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TrendingTv.Cli.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["COLUMNS"] = "250";
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
