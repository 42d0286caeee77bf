using System.Diagnostics;
using System.Globalization;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.StorageBench;
using TrendingTv.Synthetic.X;

namespace TrendingTv.PostsBench;

/// <summary>
/// <c>rebuild [--posts 500000] [--seed 42] [--max-rss-mb 150]</c>: streams a generated hour of v2 envelopes into a
/// local lake as its raw hour, then rebuilds that canonical hour in a child process (so the generator's memory does
/// not count) and prints posts/s and the child's peak resident set (VmHWM). Exit 1 when the peak is over the limit.
/// </summary>
internal static class RebuildBench
{
    public const string Usage = "usage: dotnet run -c Release --project bench/PostsBench -- rebuild [--posts 500000] [--seed 42] [--max-rss-mb 150]";

    private static readonly DateTimeOffset Hour = new(2020, 11, 23, 18, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var (posts, seed, maxRssMb) = (500_000, 42, 150);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--posts": posts = value; break;
                case "--seed": seed = value; break;
                case "--max-rss-mb": maxRssMb = value; break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }

        var lake = Directory.CreateTempSubdirectory("rebuild-bench-").FullName;
        try
        {
            var rawPath = Path.Combine(lake, LakeLayout.RawPostHourKey(PostSources.X, Hour));
            Directory.CreateDirectory(Path.GetDirectoryName(rawPath)!);
            var generate = Stopwatch.StartNew();
            new XStreamHourGenerator(seed).WriteFile(rawPath, posts, Hour);

            Console.WriteLine($"RebuildBench: {posts:N0} posts, raw hour {new FileInfo(rawPath).Length / 1e6:F0} MB generated in {generate.Elapsed.TotalSeconds:F1} s; rebuilding in a child process");
            var peak = await RunChildAsync(lake);
            var passed = peak <= (long)maxRssMb << 20;
            Console.WriteLine($"peak RSS (VmHWM) {peak / (double)(1 << 20):F1} MiB (target <= {maxRssMb} MiB): {(passed ? "ok" : "OVER")}");
            return passed ? 0 : 1;
        }
        finally
        {
            Directory.Delete(lake, recursive: true);
        }
    }

    /// <summary>The child: one forced rebuild of the hour; prints its figures and, last, its VmHWM in bytes.</summary>
    public static async Task<int> ChildAsync(string lake)
    {
        var store = new LocalDirectoryStore(LakeUri.Local(lake));
        var rebuilder = new CanonicalRebuilder(
            store,
            new RawPostNormalisers([new PostNormaliser()]),
            Microsoft.Extensions.Options.Options.Create(new RebuildOptions { WorkDirectory = Path.Combine(lake, "work") }));
        var watch = Stopwatch.StartNew();
        var result = await rebuilder.RebuildHourAsync(PostSources.X, Hour, force: true);
        var elapsed = watch.Elapsed;
        var canonical = (await store.GetInfoAsync(LakeLayout.CanonicalPostHourKey(PostSources.X, Hour)))!.Size;
        Console.WriteLine(
            $"rebuilt {result.Posts:N0} posts ({result.Duplicates:N0} duplicates, {result.Quarantined:N0} quarantined) into {canonical / 1e6:F0} MB in {elapsed.TotalSeconds:F1} s: {result.Posts / elapsed.TotalSeconds:N0} posts/s");
        Console.WriteLine(PeakMemory.Read().VmHwmBytes ?? PeakMemory.Read().PeakWorkingSetBytes);
        return result.Outcome == RebuildOutcome.Rebuilt ? 0 : 1;
    }

    private static async Task<long> RunChildAsync(string lake)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(RebuildBench).Assembly.Location);
        }

        start.ArgumentList.Add("rebuild-child");
        start.ArgumentList.Add(lake);
        using var child = Process.Start(start)!;
        var lines = (await child.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"The rebuild child failed (exit {child.ExitCode}): {string.Join(" | ", lines)}");
        }

        foreach (var line in lines[..^1])
        {
            Console.WriteLine(line);
        }

        return long.Parse(lines[^1], CultureInfo.InvariantCulture);
    }
}
