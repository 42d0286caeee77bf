using System.Diagnostics;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;

namespace TrendingTv.Cli.Tests.Commands;

/// <summary>
/// <c>trendingtv rebuild</c> as a process: SIGTERM in the middle of a rebuild stops it with exit code 143, every
/// hour whole (rebuilt with its manifest, or untouched), and running the command again finishes the work.
/// </summary>
[Collection(RebuildCommandTests.Collection)]
public sealed class RebuildSignalTests : IDisposable
{
    private static readonly DateOnly Day = new(2018, 3, 10);

    private readonly TemporaryDirectory _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Sigterm_stops_a_rebuild_with_exit_code_143_leaving_every_hour_whole()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX signals only
        }

        var stream = await File.ReadAllBytesAsync(Path.Combine(TrendingTv.LocalS3.RepositoryRoot.Find(), "tests", "DataLake.Tests", "TestData", "Posts", "real-v1-stream-2018-03-10-extended-quotes-scripts-one-duplicate.jsonl"));
        var hours = Enumerable.Range(0, 6).Select(h => new DateTimeOffset(Day.ToDateTime(new TimeOnly(h, 0)), TimeSpan.Zero)).ToList();
        foreach (var hour in hours)
        {
            var path = Path.Combine(_lake.Path, LakeLayout.RawPostHourKey(PostSources.X, hour));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var raw = File.Create(path);
            for (var i = 0; i < 40; i++)
            {
                await raw.WriteAsync(stream);
            }
        }

        var exitCode = await RunAndSignalAsync("TERM");

        Assert.Equal(143, exitCode);
        foreach (var hour in hours)
        {
            var canonical = Path.Combine(_lake.Path, LakeLayout.CanonicalPostHourKey(PostSources.X, hour));
            var manifest = Path.Combine(_lake.Path, CanonicalHourManifest.KeyOf(PostSources.X, hour));
            Assert.Equal(File.Exists(canonical), File.Exists(manifest));
            if (File.Exists(manifest))
            {
                Assert.Equal(CanonicalHourManifest.TryParse(await File.ReadAllBytesAsync(manifest))!.CanonicalBytes, new FileInfo(canonical).Length);
            }
        }

        Assert.Equal(0, await CliApplication.CreateRootCommand().Parse(Arguments()).InvokeAsync());
        Assert.All(hours, hour => Assert.True(File.Exists(Path.Combine(_lake.Path, CanonicalHourManifest.KeyOf(PostSources.X, hour)))));
    }

    /// <summary>Starts the command, sends the signal once it has said what it rebuilds, and returns its exit code.</summary>
    private async Task<int> RunAndSignalAsync(string signal)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TrendingTv.Cli.dll"));
        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("Rebuild of", StringComparison.Ordinal))
        {
        }

        using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        _ = process.StandardOutput.ReadToEndAsync();

        // A guard against a hang, not a timing assertion: stopping takes well under a second.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(guard.Token);
        return process.ExitCode;
    }

    private string[] Arguments() => ["rebuild", "--from", "2018-03-10", "--to", "2018-03-10", "--source", "x", "--lake", _lake.Path];
}
