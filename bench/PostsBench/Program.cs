using System.Diagnostics;
using System.Text.Json;
using TrendingTv.DataLake.Posts;
using TrendingTv.PostsBench;
using TrendingTv.Synthetic.X;

// Generates a realistic hour (v2 stream envelopes) and a realistic day (v1.1 statuses of 4-8 KB) with TrendingTv.Synthetic, deterministically
// from a seed, and prints on the same bytes in the same run: a bare Utf8JsonReader scan's MB/s, the normaliser's
// MB/s, their ratio, and the bytes allocated per post. Two measures, because the machine may be shared:
//  - stream: the whole input through NormaliseAsync (canonical lines written) vs. a bare scan of every line, best of --runs;
//  - per line: for each line, the fastest of --runs alternating repetitions of the bare scan and of Normalise +
//    CanonicalPostJson.Write (the uploader's path), summed: time slices lost to other processes drop out.
// "rebuild" instead measures the canonical rebuild of one large generated hour (RebuildBench: posts/s, peak RSS).
switch (args.FirstOrDefault())
{
    case "rebuild":
        return await RebuildBench.RunAsync(args[1..]);
    case "rebuild-child":
        return await RebuildBench.ChildAsync(args[1]);
    default:
        break;
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

Console.WriteLine($"PostsBench: seed {options.Seed}, {options.WarmUpSeconds} s warm-up, best of {options.Runs} runs, MB = 10^6 bytes, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var generate = Stopwatch.StartNew();
var (hour, _) = new XStreamHourGenerator(options.Seed).Generate(options.HourPosts, new DateTimeOffset(2020, 11, 23, 18, 0, 0, TimeSpan.Zero));
var day = new XArchiveDayGenerator(options.Seed).Generate(options.DayPosts, new DateOnly(2020, 11, 23));
Console.WriteLine($"generated in {generate.Elapsed.TotalSeconds:F1} s");

// Generating the day leaves a large heap behind; collect it now so no background GC competes with the measurements.
GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
GC.WaitForPendingFinalizers();

var normaliser = new PostNormaliser();
var sink = new CanonicalSink();

// Warm up both paths until tiered JIT has settled (tier-1 code with dynamic PGO, as in a long-running
// streamer), so the figures compare steady states rather than whichever path got recompiled first.
var warmUp = Stopwatch.StartNew();
while (warmUp.Elapsed < TimeSpan.FromSeconds(options.WarmUpSeconds))
{
    BareScan(hour);
    await NormaliseAsync(normaliser, hour);
    PerLineMinimum(normaliser, sink, hour, runs: 1);
}

var failed = false;
foreach (var (name, bytes) in new[] { ("hour (v2 envelopes)", hour), ("day (v1.1 statuses, 4-8 KB)", day) })
{
    var lines = bytes.AsSpan().Count((byte)'\n');
    long bestScan = long.MaxValue, bestNormalise = long.MaxValue;
    NormaliseSummary? summary = null;
    long allocated = 0;
    for (var run = 0; run < options.Runs; run++)
    {
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(BareScan(bytes));
        bestScan = Math.Min(bestScan, watch.ElapsedTicks);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        summary = await NormaliseAsync(normaliser, bytes);
        bestNormalise = Math.Min(bestNormalise, watch.ElapsedTicks);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    var (lineScan, lineNormalise) = PerLineMinimum(normaliser, sink, bytes, options.Runs);
    var scanRate = Rate(bytes.Length, bestScan);
    var normaliseRate = Rate(bytes.Length, bestNormalise);
    var lineScanRate = Rate(bytes.Length, lineScan);
    var lineNormaliseRate = Rate(bytes.Length, lineNormalise);
    Console.WriteLine();
    Console.WriteLine($"{name}: {bytes.Length / 1e6:F1} MB, {lines:N0} lines, {(double)bytes.Length / lines:F0} B/line on average");
    Console.WriteLine($"  normalised  {summary!.PostsWritten:N0} posts, {summary.DuplicatesDropped:N0} duplicates, {summary.Skipped:N0} skipped ({string.Join(", ", summary.SkippedByKind.Select(kv => $"{kv.Key} {kv.Value}"))}), {summary.Quarantined:N0} quarantined");
    Console.WriteLine($"  stream    bare scan {scanRate,7:F1} MB/s   normaliser {normaliseRate,7:F1} MB/s   ratio {normaliseRate / scanRate:F2}   (target >= 0.35)");
    Console.WriteLine($"  per line  bare scan {lineScanRate,7:F1} MB/s   normaliser {lineNormaliseRate,7:F1} MB/s   ratio {lineNormaliseRate / lineScanRate:F2}");
    Console.WriteLine($"  allocated {(double)allocated / summary.PostsWritten:F0} bytes/post (NormaliseAsync, whole run)");
    failed |= summary.Quarantined > 0 || normaliseRate / scanRate < 0.35;
}

return failed ? 1 : 0;

static double Rate(long bytes, long ticks) => bytes / 1e6 / ((double)ticks / Stopwatch.Frequency);

static long BareScan(byte[] data)
{
    long tokens = 0;
    var rest = data.AsSpan();
    while (!rest.IsEmpty)
    {
        var newline = rest.IndexOf((byte)'\n');
        var line = newline < 0 ? rest : rest[..newline];
        rest = newline < 0 ? [] : rest[(newline + 1)..];
        tokens += ScanLine(line);
    }

    return tokens;
}

static long ScanLine(ReadOnlySpan<byte> line)
{
    line = line.TrimEnd((byte)'\r');
    if (line.IsEmpty)
    {
        return 0;
    }

    long tokens = 0;
    var reader = new Utf8JsonReader(line);
    while (reader.Read())
    {
        tokens++;
    }

    return tokens;
}

static async Task<NormaliseSummary> NormaliseAsync(PostNormaliser normaliser, byte[] data)
{
    using var input = new MemoryStream(data, writable: false);
    return await normaliser.NormaliseAsync(input, Stream.Null, Stream.Null);
}

static (long ScanTicks, long NormaliseTicks) PerLineMinimum(PostNormaliser normaliser, CanonicalSink sink, byte[] data, int runs)
{
    long scanTotal = 0, normaliseTotal = 0;
    var rest = data.AsSpan();
    while (!rest.IsEmpty)
    {
        var newline = rest.IndexOf((byte)'\n');
        var line = newline < 0 ? rest : rest[..newline];
        rest = newline < 0 ? [] : rest[(newline + 1)..];
        long scan = long.MaxValue, normalise = long.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(ScanLine(line));
            var middle = Stopwatch.GetTimestamp();
            sink.Write(normaliser.Normalise(line));
            var end = Stopwatch.GetTimestamp();
            scan = Math.Min(scan, middle - start);
            normalise = Math.Min(normalise, end - middle);
        }

        scanTotal += scan;
        normaliseTotal += normalise;
    }

    return (scanTotal, normaliseTotal);
}
