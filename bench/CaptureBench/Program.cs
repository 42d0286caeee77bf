using System.Diagnostics;
using System.Globalization;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources.Replay;
using TrendingTv.Streamer.Upload;
using TrendingTv.Synthetic.X;

namespace TrendingTv.CaptureBench;

/// <summary>
/// Capture and upload benchmark. <c>capture [v1|v2] N</c>: replays N generated posts (v1.1 ~5 KB or
/// v2 ~1.5 KB payloads) from a JSON-lines file into a fresh capture store. <c>upload N</c>: stores N
/// v2 posts in one hour, then uploads that hour (raw + canonical, verified) to a local lake. Each
/// prints posts/s, MB/s and the process's peak RSS (VmHWM). Run each in its own process.
/// </summary>
internal static class Program
{
    private const int Seed = 42;

    public static async Task<int> Main(string[] args)
    {
        var mode = args.ElementAtOrDefault(0) ?? "capture";
        var folder = Path.Combine(Path.GetTempPath(), "capture-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return mode switch
            {
                "capture" => await CaptureAsync(folder, args.ElementAtOrDefault(1) ?? "v1", int.Parse(args.ElementAtOrDefault(2) ?? "20000", CultureInfo.InvariantCulture)),
                "upload" => await UploadAsync(folder, int.Parse(args.ElementAtOrDefault(1) ?? "500000", CultureInfo.InvariantCulture)),
                _ => Usage(),
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: capture [v1|v2] N | upload N");
        return 2;
    }

    private static async Task<int> CaptureAsync(string folder, string format, int count)
    {
        var file = Path.Combine(folder, "posts.jsonl");
        var start = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        WriteFile(file, count, format, start, TimeSpan.FromMilliseconds(count * 50.0));
        await using var store = PostStore.Open(CaptureDatabase.Open(Path.Combine(folder, "capture.db")));
        var source = new ReplaySource([file]);
        ResetPeakRss();
        var watch = Stopwatch.StartNew();
        var summary = await new CapturePipeline(store).RunAsync(source.ReadAsync());
        watch.Stop();
        Report($"capture {format}", summary.Inserted, source.Statistics.PayloadBytes, watch.Elapsed);
        return summary.Inserted == count ? 0 : 1;
    }

    private static async Task<int> UploadAsync(string folder, int count)
    {
        var hour = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var file = Path.Combine(folder, "posts.jsonl");
        WriteFile(file, count, "v2", hour, TimeSpan.FromHours(1));
        var database = CaptureDatabase.Open(Path.Combine(folder, "capture.db"), synchronous: "Normal");
        await using var store = PostStore.Open(database);
        var source = new ReplaySource([file]);
        await new CapturePipeline(store).RunAsync(source.ReadAsync());
        File.Delete(file);
        var lake = new LocalDirectoryStore(LakeUri.Local(Path.Combine(folder, "lake")));
        var uploader = new HourlyUploader(store, UploadLedger.Open(database), ConnectionLog.Open(database), lake, new UploadOptions { WorkDirectory = Path.Combine(folder, "work"), Retention = TimeSpan.FromDays(36500) });
        ResetPeakRss();
        var watch = Stopwatch.StartNew();
        var entry = await uploader.UploadHourAsync(PostSources.X, hour);
        watch.Stop();
        Report("upload one hour", entry.PostCount, entry.RawBytes, watch.Elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw {entry.RawBytes / 1e6:0.0} MB, canonical {entry.CanonicalBytes / 1e6:0.0} MB, {entry.CanonicalCount} canonical records (upload includes normalising, writing, uploading and reading back both files)"));
        return entry.PostCount == count ? 0 : 1;
    }

    private static void Report(string what, long posts, long bytes, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {posts} posts in {elapsed.TotalSeconds:0.00} s = {posts / elapsed.TotalSeconds:0} posts/s, {bytes / 1e6 / elapsed.TotalSeconds:0.0} MB/s of payload; peak RSS {PeakRssMb():0} MB"));

    /// <summary>
    /// Starts the peak-RSS measurement afresh, so that it covers the stage measured and not the generation of its
    /// input: the garbage of the generator is collected, then the kernel's peak (VmHWM) is reset to the current RSS
    /// by writing 5 to /proc/self/clear_refs (Linux, proc(5)).
    /// </summary>
    private static void ResetPeakRss()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    private static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>
    /// Realistic payloads from TrendingTv.Synthetic, one a line, distinct posts only: v1.1 statuses of
    /// about 4.6 KB (sized 2–4.5 KB by their photos, with whole user objects) spread over
    /// <paramref name="span"/>, or v2 envelopes of about 1.5 KB (the authors in includes, no
    /// keep-alives) spread over the hour from <paramref name="start"/>.
    /// </summary>
    private static void WriteFile(string path, int count, string format, DateTimeOffset start, TimeSpan span)
    {
        if (format == "v1")
        {
            using var file = File.Create(path);
            new XArchiveDayGenerator(Seed, minBytes: 2048, maxBytes: 4608).Write(file, count, start.UtcDateTime, span);
        }
        else
        {
            new XStreamHourGenerator(Seed, detail: XPayloadDetail.Users).WriteFile(path, count, start, streamNoise: false);
        }
    }
}
