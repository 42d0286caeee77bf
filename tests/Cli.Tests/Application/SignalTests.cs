using Microsoft.AspNetCore.Builder;
using TrendingTv.Fixtures;

namespace TrendingTv.Cli.Tests.Application;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM stop every command with 130 and 143, sent as real signals to real
/// trendingtv processes while they work: a long query, a report waiting on a silent S3 server, a demo.
/// </summary>
public sealed class SignalTests
{
    private const string LongQuery = "SELECT sum(hash(i)) FROM range(1000000000000) t(i)";

    [Theory]
    [InlineData(CliProcess.SigInt, 130)]
    [InlineData(CliProcess.SigTerm, 143)]
    public async Task A_long_query_stops_with_the_signals_exit_code(int signal, int exitCode)
    {
        using var cli = CliProcess.Start(["query", LongQuery, "--lake", RepositoryPaths.ReferenceLake]);
        await cli.WaitForLineAsync("Running the query");

        cli.Signal(signal);

        Assert.Equal(exitCode, await cli.WaitForExitAsync());
        Assert.DoesNotContain("   at ", cli.Error, StringComparison.Ordinal);
        Assert.Contains("Stopping", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CliProcess.SigInt, 130)]
    [InlineData(CliProcess.SigTerm, 143)]
    public async Task A_report_waiting_on_a_silent_s3_server_stops_with_the_signals_exit_code(int signal, int exitCode)
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (app, address) = await LoopbackHttpApp.StartAsync(web => ((IApplicationBuilder)web).Run(async context =>
        {
            asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted); // never answers
        }));
        await using var _ = app;
        using var cli = CliProcess.Start(
            ["report", "--lake", "s3://silent-bucket/lake", "--from", "2020-11-23", "--to", "2020-11-29"],
            S3Environment(address));
        await asked.Task.WaitAsync(TimeSpan.FromMinutes(3));

        cli.Signal(signal);

        Assert.Equal(exitCode, await cli.WaitForExitAsync());
        Assert.DoesNotContain("   at ", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CliProcess.SigInt, 130)]
    [InlineData(CliProcess.SigTerm, 143)]
    public async Task A_demo_stops_with_the_signals_exit_code_and_leaves_no_partial_file_in_the_lake(int signal, int exitCode)
    {
        using var work = new TemporaryDirectory();
        var lake = Path.Combine(work.Path, "lake");
        using var cli = CliProcess.Start(
            ["demo", "--lake", lake, "--out", Path.Combine(work.Path, "report"), "--days", "3", "--posts-per-day", "200000", "--start", "2026-03-02"],
            workingDirectory: work.Path);
        await cli.WaitForLineAsync("TrendingTv demo");

        cli.Signal(signal);

        Assert.Equal(exitCode, await cli.WaitForExitAsync());
        if (Directory.Exists(lake))
        {
            Assert.Empty(Directory.GetFiles(lake, "*.part", SearchOption.AllDirectories));
            Assert.False(Directory.Exists(Path.Combine(lake, ".tmp")));
        }
    }

    [Fact]
    public async Task A_command_that_ends_on_its_own_keeps_its_own_exit_code()
    {
        var (code, _, error) = await CliProcess.RunAsync(["query", "SELECT 42", "--lake", RepositoryPaths.ReferenceLake]);

        Assert.Equal(0, code);
        Assert.DoesNotContain("Stopping", error, StringComparison.Ordinal);
    }

    internal static Dictionary<string, string> S3Environment(Uri address) => new()
    {
        ["Lake__ServiceUrl"] = address.ToString().TrimEnd('/'),
        ["Lake__Region"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };
}
