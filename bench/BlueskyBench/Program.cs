using TrendingTv.BlueskyBench;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.StorageBench;
using TrendingTv.Synthetic.Bluesky;

// (a) The keep filter alone, in posts/s on one core, against a bare Utf8JsonReader scan of the same bytes.
// (b) Generated events from a loopback Jetstream stand-in through the WebSocket client and the keep filter:
//     target >= 20,000 events/s with a peak RSS <= 100 MB on the 2-core machine.
// (c) The same events through the whole Bluesky capture (client, keep filter, repost window, SQLite store commits):
//     the same targets.
// (b) and (c) run first, so their memory is the client's alone and not what (a) left on the heap.
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Serve)
{
    return await StandInServer.RunAsync(options);
}

if (options.Dump > 0)
{
    foreach (var line in new JetstreamEventGenerator(ShowCatalogue.LoadDefault(), options.Seed).Take(options.Dump))
    {
        Console.WriteLine(System.Text.Encoding.UTF8.GetString(line));
    }

    return 0;
}

Console.WriteLine($"BlueskyBench: seed {options.Seed}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
var catalogue = ShowCatalogue.LoadDefault();
var filter = ShowKeepFilter.For(catalogue);
Console.WriteLine($"keep filter: {catalogue.Count} shows, {filter.TextKeyCount} text keys, {filter.HashtagKeyCount} hashtag keys");
var failed = false;

if (options.Part is "all" or "stream")
{
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    var before = PeakMemory.Read();
    ResetPeakMemory();
    using var standIn = await StandInProcess.StartAsync(args);
    var bench = new StreamBench(filter);
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
    var warmUp = await bench.RunAsync(standIn.SubscribeUri, StandInServer.WarmUpEvents(options), timeout.Token);
    var result = await bench.RunAsync(standIn.SubscribeUri, options.Events, timeout.Token);
    var memory = PeakMemory.Read();
    await standIn.DisposeAsync();
    var s = result.Statistics;
    Console.WriteLine();
    Console.WriteLine($"(b) loopback Jetstream (child process) -> client -> keep filter: pool of {standIn.PoolEvents:N0} events ({standIn.AverageBytes:F0} B on average) served in a loop; warm-up {warmUp.Events:N0} events at {warmUp.EventsPerSecond:N0}/s");
    Console.WriteLine($"  {result.Events:N0} events in {result.Elapsed.TotalSeconds:F1} s = {result.EventsPerSecond:N0} events/s   (target >= 20,000)");
    Console.WriteLine($"  posts {s.Posts:N0} (kept {result.Kept:N0}), reposts {s.Reposts:N0} (kept {result.RepostsKept:N0}, dropped {result.RepostsDropped:N0}), deletes {s.Deletes:N0}, identity {s.Identity:N0}, account {s.Account:N0}, other collections {s.OtherCollection:N0}, unknown kinds {s.UnknownKind:N0}, malformed {s.Malformed:N0}");
    Console.WriteLine($"  client process peak RSS {memory.PeakBytes / 1048576.0:F1} MiB during the stream part (peak reset before it, when it was {before.PeakBytes / 1048576.0:F1} MiB), now {(memory.VmRssBytes ?? 0) / 1048576.0:F1} MiB   (target <= 100 MB)");
    Console.WriteLine($"  stand-in process peak RSS {(standIn.PeakBytes ?? 0) / 1048576.0:F1} MiB (not counted)");
    Console.WriteLine($"  GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2; {s.Connections} connection(s) per run");
    failed |= result.EventsPerSecond < 20_000 || memory.PeakBytes > 100_000_000 || s.Malformed > 0;
}

if (options.Part is "all" or "capture")
{
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    ResetPeakMemory();
    using var standIn = await StandInProcess.StartAsync(args);
    var folder = Directory.CreateTempSubdirectory("bluesky-bench-").FullName;
    try
    {
        var bench = new CaptureBench(filter, folder);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var warmUp = await bench.RunAsync(standIn.SubscribeUri, StandInServer.WarmUpEvents(options), "warm-up", timeout.Token);
        var result = await bench.RunAsync(standIn.SubscribeUri, options.Events, "measured", timeout.Token);
        var memory = PeakMemory.Read();
        await standIn.DisposeAsync();
        var s = result.Statistics;
        Console.WriteLine();
        Console.WriteLine($"(c) loopback Jetstream (child process) -> client -> keep filter -> capture (SQLite commits): warm-up {warmUp.Events:N0} events at {warmUp.EventsPerSecond:N0}/s");
        Console.WriteLine($"  {result.Events:N0} events in {result.Elapsed.TotalSeconds:F1} s = {result.EventsPerSecond:N0} events/s   (target >= 20,000)");
        Console.WriteLine($"  store: {result.Summary.Inserted:N0} posts and reposts kept in {result.Summary.Batches:N0} batches; seen {result.Seen:N0}, kept {result.Kept:N0}; deletes {s.Deletes:N0} applied");
        Console.WriteLine($"  client process peak RSS {memory.PeakBytes / 1048576.0:F1} MiB during the capture part, now {(memory.VmRssBytes ?? 0) / 1048576.0:F1} MiB   (target <= 100 MB)");
        failed |= result.EventsPerSecond < 20_000 || memory.PeakBytes > 100_000_000;
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

if (options.Part is "all" or "filter")
{
    var posts = new JetstreamEventGenerator(catalogue, options.Seed, JetstreamEventMix.PostsOnly).Take(options.Posts).ToArray();
    var bench = new KeepFilterBench(posts, filter);
    bench.WarmUp(TimeSpan.FromSeconds(options.WarmUpSeconds));
    var rates = bench.Measure(options.Runs);
    var bare = rates[0].PostsPerSecond;
    Console.WriteLine();
    Console.WriteLine($"(a) keep filter, one thread: {posts.Length:N0} generated posts, {posts.Average(p => p.Length):F0} B on average, {bench.Kept:N0} kept; fastest of {options.Runs} runs per batch");
    foreach (var (path, rate) in rates)
    {
        Console.WriteLine($"  {path,-38} {rate,12:N0} posts/s   {rate * posts.Average(p => p.Length) / 1e6,7:F1} MB/s   ratio to bare scan {rate / bare:F2}");
    }

    failed |= rates[2].PostsPerSecond < 100_000;
}

return failed ? 1 : 0;

// Linux: writing 5 to clear_refs resets the peak RSS (VmHWM), so part (b) is measured without part (a)'s peak.
static void ResetPeakMemory()
{
    try
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.WriteLine($"  (could not reset the peak RSS: {e.Message})");
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
