using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Tests.Bluesky;
using TrendingTv.Streamer.Upload;
using TrendingTv.Synthetic.Bluesky;
using Xunit.Abstractions;

namespace TrendingTv.Streamer.Tests.Commands;

/// <summary>
/// A real <c>streamer capture --source bluesky</c> child process, killed with SIGKILL 20 times at random moments while
/// the loopback Jetstream stand-in streams: each restart resumes from the committed cursor, and after the upload every
/// acknowledged post is in the lake exactly once (as the X crash test pins for replay).
/// </summary>
public sealed class BlueskyCrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 3000;
    private readonly string _folder = TestFiles.NewScratchFolder();
    private readonly long _firstTimeUs = (DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds() - 1) * 1000;
    private JetstreamStandIn _standIn = null!;
    private List<string> _events = null!;

    public async Task InitializeAsync()
    {
        // Every third post is about no tracked show: seen, not kept.
        _events = [.. Enumerable.Range(0, Events).Select(i => i % 3 == 2
            ? JetstreamEvents.Post(Rkey(i), _firstTimeUs + (i * 1000L), $"Lunch {i}")
            : JetstreamEvents.Post(Rkey(i), _firstTimeUs + (i * 1000L), $"Post {i}", "TheMandalorian"))];
        _standIn = await JetstreamStandIn.StartAsync(() => _events.Select(e => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(e)));
        _standIn.EventsPerSecond = 400;
    }

    public async Task DisposeAsync()
    {
        await _standIn.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_acknowledged_post_reaches_the_lake_exactly_once_despite_20_SIGKILLs_of_a_live_capture()
    {
        var db = Path.Combine(_folder, "capture.db");
        var acks = Path.Combine(_folder, "acks.txt");
        var lake = Path.Combine(_folder, "lake");
        var environment = new Dictionary<string, string>
        {
            ["Bluesky__Instances__0"] = _standIn.SubscribeUri.AbsoluteUri,
            ["Bluesky__CursorMargin"] = "00:00:00.5",
            ["Bluesky__ReconnectDelayInitial"] = "00:00:00.1",
            ["Capture__BatchSize"] = "40",
        };
        string[] capture = ["--db", db, "--lake", lake, "capture", "--source", "bluesky", "--ack-file", acks];
        var random = new Random(20261130);
        var killedWithProgress = 0;
        for (var kill = 0; kill < 20; kill++)
        {
            using var child = StreamerProcess.Start(_folder, environment, capture);
            var before = CrashRecoveryTests.AckedIds(acks).Count;
            if (kill % 5 != 4)
            {
                await WaitForProgressAsync(child, acks, before);
            }

            await Task.Delay(random.Next(0, 250));
            child.Kill(entireProcessTree: true); // SIGKILL
            await child.WaitForExitAsync();
            killedWithProgress += CrashRecoveryTests.AckedIds(acks).Count > before ? 1 : 0;
            output.WriteLine($"kill {kill}: exit {child.ExitCode}, acks {before} -> {CrashRecoveryTests.AckedIds(acks).Count}");
            Assert.Superset(CrashRecoveryTests.AckedIds(acks).ToHashSet(), (await CrashRecoveryTests.StoredIdsAsync(db)).ToHashSet());
        }

        // A last capture, unpaced, until it has everything; then the upload (its clock past the hour, so the hour is closed).
        _standIn.EventsPerSecond = 0;
        var expected = Enumerable.Range(0, Events).Where(i => i % 3 != 2).Select(i => JetstreamEvents.IdOf(Rkey(i))).ToHashSet();
        using (var last = StreamerProcess.Start(_folder, environment, capture))
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (!expected.IsSubsetOf(CrashRecoveryTests.AckedIds(acks)) && !last.HasExited && !limit.IsCancellationRequested)
            {
                await Task.Delay(50); // polling the child's ack file, not timing anything
            }

            StreamerProcess.Signal(last, "INT");
            await last.WaitForExitAsync();
            Assert.Equal(130, last.ExitCode);
        }

        var summary = await UploadAsync(db, lake);
        Assert.Empty(summary.FailedHours);
        var rawIds = new List<long>();
        var store = new LocalDirectoryStore(LakeUri.Local(lake));
        foreach (var entry in summary.Uploaded)
        {
            rawIds.AddRange((await store.ReadTextAsync(entry.RawKey!)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => BlueskyCanonicalPosts.IdOf(JetstreamEventReader.Read(Encoding.UTF8.GetBytes(l)).RecordUri!)));
        }

        Assert.Equal(rawIds.Count, rawIds.Distinct().Count()); // exactly once
        Assert.Equal(expected.Order(), rawIds.Order()); // every kept post, nothing else
        Assert.Subset(rawIds.ToHashSet(), CrashRecoveryTests.AckedIds(acks).ToHashSet()); // in particular every acknowledged one
        await AssertEveryOutageRecordedAsync(db);
        Assert.True(killedWithProgress >= 10, $"only {killedWithProgress} kills interrupted a capture in progress");
    }

    /// <summary>Each run recorded its session, and its time before connecting as a gap; the last run closed its gaps.</summary>
    private static async Task AssertEveryOutageRecordedAsync(string db)
    {
        var database = CaptureDatabase.Open(db);
        var log = ConnectionLog.Open(database);
        var sessions = (await log.ReadSessionsAsync()).Where(s => s.Source == PostSources.Bluesky).ToList();
        var gaps = (await log.ReadGapsAsync()).Where(g => g.Source == PostSources.Bluesky).ToList();
        Assert.NotEmpty(sessions);
        Assert.Equal(sessions.Count, gaps.Count(g => g.Reason == ConnectionRecorder.Connecting));
        Assert.All(gaps, g => Assert.True(g.End >= g.Start));
        Assert.DoesNotContain(gaps, g => g.Open && g.Start >= sessions.Max(s => s.Start));
    }

    private static async Task<UploadSummary> UploadAsync(string db, string lake)
    {
        var database = CaptureDatabase.Open(db);
        await using var store = PostStore.Open(database);
        var uploader = new HourlyUploader(
            store,
            UploadLedger.Open(database),
            ConnectionLog.Open(database),
            new LocalDirectoryStore(LakeUri.Local(lake)),
            new UploadOptions { RetryDelay = TimeSpan.Zero, Retention = TimeSpan.FromDays(36500) },
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2)));
        return await uploader.UploadClosedHoursAsync();
    }

    private static async Task WaitForProgressAsync(System.Diagnostics.Process child, string acks, int before)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!child.HasExited && CrashRecoveryTests.AckedIds(acks).Count == before && !limit.IsCancellationRequested)
        {
            await Task.Delay(20); // polling the child's ack file, not timing anything
        }
    }

    private static string Rkey(int i) => "3crash" + i.ToString("D7", CultureInfo.InvariantCulture);
}
