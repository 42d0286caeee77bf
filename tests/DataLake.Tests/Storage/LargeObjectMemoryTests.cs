extern alias StorageBench;

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TrendingTv.Fixtures.S3;
using TrendingTv.LocalS3;
using BenchResult = StorageBench::TrendingTv.StorageBench.BenchResult;

namespace TrendingTv.DataLake.Tests.Storage;

/// <summary>
/// The 200 MB requirement: an object of 200 MiB streamed up to and down from each store while the
/// process's peak working set stays under 150 MiB. The measurement is the storage benchmark run as a
/// child process, so that the test host's own memory does not count; it reports
/// <c>Process.PeakWorkingSet64</c> and VmHWM, and the downloaded bytes' SHA-256.
/// </summary>
/// <remarks>Its own s3rver (a class fixture), so that it runs beside the tests of the shared one.</remarks>
public sealed class LargeObjectMemoryTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>
{
    private const int SizeMiB = 200;
    private const long PeakLimitBytes = 150L << 20;

    [Fact]
    public async Task A_200_MB_object_streams_through_the_local_store_with_a_peak_working_set_under_150_MB()
    {
        var result = await RunBenchAsync("--store", "local");

        AssertStreamedWithinLimit(result);
    }

    [Fact]
    public async Task A_200_MB_object_streams_through_the_S3_store_with_a_peak_working_set_under_150_MB()
    {
        var result = await RunBenchAsync("--store", "s3", "--service-url", s3rver.ServiceUrl);

        AssertStreamedWithinLimit(result);
        Assert.StartsWith("s3://", result.Root, StringComparison.Ordinal);
    }

    private static void AssertStreamedWithinLimit(BenchResult result)
    {
        Assert.Equal((long)SizeMiB << 20, result.Bytes);
        Assert.Equal(result.Bytes, result.StoredSize);
        Assert.True(result.HashesMatch, $"upload {result.UploadSha256} vs download {result.DownloadSha256}");
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(result.VmHwmBytes);
        }

        Assert.True(
            result.PeakBytes < PeakLimitBytes,
            $"peak working set {result.PeakBytes >> 20} MiB (PeakWorkingSet64 {result.PeakWorkingSetBytes >> 20} MiB, VmHWM {result.VmHwmBytes >> 20} MiB) is not under 150 MiB");
    }

    private static async Task<BenchResult> RunBenchAsync(params string[] arguments)
    {
        var bench = Path.Combine(AppContext.BaseDirectory, "TrendingTv.StorageBench.dll");
        Assert.True(File.Exists(bench), $"{bench} is missing; the test project references bench/StorageBench");
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Find(),
        };
        startInfo.ArgumentList.Add(bench);
        foreach (var argument in arguments.Concat(["--size-mb", SizeMiB.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        var transcript = new StringBuilder().Append(output).Append(await stderr).ToString();
        Assert.True(process.ExitCode == 0, $"StorageBench exited with {process.ExitCode}:\n{transcript}");
        var line = output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(BenchResult.LinePrefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"No result line in:\n{transcript}");
        return JsonSerializer.Deserialize<BenchResult>(line[BenchResult.LinePrefix.Length..])!;
    }

    // The test host runs under the dotnet muxer; run the benchmark with the same one.
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
