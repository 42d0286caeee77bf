using System.Diagnostics;
using System.Globalization;
using System.Text;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources.Replay;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.CaptureBench;

/// <summary>
/// Capture and upload benchmark. <c>capture [v1|v2] N</c>: replays N generated posts (v1.1 ~5 KB or
/// v2 ~1.5 KB payloads) from a JSON-lines file into a fresh capture store. <c>upload N</c>: stores N
/// v2 posts in one hour, then uploads that hour (raw + canonical, verified) to a local lake. Each
/// prints posts/s, MB/s and the process's peak RSS (VmHWM). Run each in its own process.
/// </summary>
internal static class Program
{
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
        WriteFile(file, count, format, i => start.AddMilliseconds(i * 50.0));
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
        WriteFile(file, count, "v2", i => hour.AddMilliseconds(i * (3_600_000.0 / count)));
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

    /// <summary>Realistic payloads: a v1.1 streamed status (~5 KB with its user object) or a v2 envelope (~1.5 KB).</summary>
    private static void WriteFile(string path, int count, string format, Func<int, DateTimeOffset> createdAt)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        var padding = new string('x', format == "v1" ? 3300 : 700);
        for (var i = 0; i < count; i++)
        {
            var id = 1_500_000_000_000_000_000L + i;
            var created = createdAt(i);
            writer.WriteLine(format == "v1"
                ? string.Create(CultureInfo.InvariantCulture, $$$"""{"created_at":"{{{created.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture)}}}","id":{{{id}}},"id_str":"{{{id}}}","text":"RT @someone: Watching The Queen&amp;#39;s Gambit again #TheQueensGambit #Netflix https://t.co/abc","source":"<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>","truncated":false,"in_reply_to_status_id":null,"user":{"id":395453797,"id_str":"395453797","name":"A viewer","screen_name":"viewer","location":"Riyadh","description":"{{{padding}}}","followers_count":910,"friends_count":300,"statuses_count":19678,"created_at":"Wed Oct 21 17:41:38 +0000 2011","lang":"en","profile_image_url_https":"https://pbs.twimg.com/profile_images/1/a_normal.jpg"},"retweeted_status":{"created_at":"Sat Mar 10 14:00:00 +0000 2018","id":{{{id - 1000}}},"id_str":"{{{id - 1000}}}","text":"Watching The Queen&amp;#39;s Gambit again #TheQueensGambit #Netflix","entities":{"hashtags":[{"text":"TheQueensGambit","indices":[42,58]},{"text":"Netflix","indices":[59,67]}],"urls":[],"user_mentions":[]},"lang":"en"},"entities":{"hashtags":[{"text":"TheQueensGambit","indices":[55,71]},{"text":"Netflix","indices":[72,80]}],"urls":[],"user_mentions":[{"screen_name":"someone","id":1,"id_str":"1","indices":[3,11]}]},"lang":"en","timestamp_ms":"{{{created.ToUnixTimeMilliseconds()}}}"}""")
                : string.Create(CultureInfo.InvariantCulture, $$$"""{"data":{"id":"{{{id}}}","created_at":"{{{created:yyyy-MM-ddTHH:mm:ss.fff}}}Z","text":"Watching The Queen&amp;#39;s Gambit again #TheQueensGambit #Netflix https://t.co/abc","lang":"en","author_id":"395453797","conversation_id":"{{{id}}}","referenced_tweets":[{"type":"quoted","id":"{{{id - 1000}}}"}],"entities":{"hashtags":[{"start":42,"end":58,"tag":"TheQueensGambit"},{"start":59,"end":67,"tag":"Netflix"}],"urls":[{"start":68,"end":91,"url":"https://t.co/abc","expanded_url":"https://example.com/{{{padding}}}","display_url":"example.com/x"}]}},"matching_rules":[{"id":"1377650090978992134","tag":"87739"}]}"""));
        }
    }
}
