using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Bluesky;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Sources.Bluesky;
using TrendingTv.Streamer.Upload;
using static TrendingTv.Fixtures.Bluesky.FakeJetstreamStep;
using static TrendingTv.Streamer.Tests.Bluesky.JetstreamEvents;

namespace TrendingTv.Streamer.Tests.Bluesky;

/// <summary>Bluesky from the loopback Jetstream stand-in through the real client, keep filter, SQLite store, uploader and rebuild.</summary>
public sealed class BlueskyCaptureTests : IAsyncLifetime
{
    private const long T0 = 1_779_717_600_000_000; // 2026-05-25 14:00:00 UTC
    private static readonly DateTimeOffset Hour = new(2026, 5, 25, 14, 0, 0, TimeSpan.Zero);
    private readonly string _folder = TestFiles.NewScratchFolder();
    private readonly FakeTimeProvider _time = new(Hour.AddMinutes(10));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60)); // a safety net, not timing
    private FakeJetstreamServer _server = null!;
    private CaptureDatabase _database = null!;
    private PostStore _store = null!;
    private LocalDirectoryStore _lake = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeJetstreamServer.StartAsync();
        _database = CaptureDatabase.Open(Path.Combine(_folder, "capture.db"));
        _store = PostStore.Open(_database);
        _lake = new LocalDirectoryStore(LakeUri.Local(Path.Combine(_folder, "lake")));
    }

    public async Task DisposeAsync()
    {
        await _timeout.CancelAsync();
        _timeout.Dispose();
        await _server.DisposeAsync();
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Show_posts_and_their_reposts_are_kept_the_rest_counted_seen_and_the_lake_gets_both_layers()
    {
        _server.Enqueue(FakeJetstreamConnection.Accept(
            Text(Identity(T0)),
            Text(Post("3kept0000000a", T0 + 1_000, "Watching The Mandalorian tonight")),
            Text(Post("3other000000a", T0 + 2_000, "Lunch was good")),
            Text(Repost("3repost00000a", T0 + 3_000, "3kept0000000a")),
            Text(Repost("3repost00000b", T0 + 4_000, "3other000000a")),
            Text("{not json"),
            Text(Post("3kept0000000b", T0 + 5_000, "again", "TheGoodDoctor"))));
        var quarantine = new BlueskyQuarantineFile(Path.Combine(_folder, "quarantine.jsonl"));

        await CaptureUntilAsync(IdOf("3kept0000000b"), quarantine);

        var counts = Assert.Single(await _store.ReadHourCountsAsync());
        Assert.Equal((PostSources.Bluesky, Hour, 5L, 3L), (counts.Source, counts.Hour, counts.Seen, counts.Kept));
        Assert.Contains("not JSON", await File.ReadAllTextAsync(quarantine.Path), StringComparison.OrdinalIgnoreCase);
        var checkpoints = await _store.ReadCheckpointsAsync();
        Assert.Equal(T0 + 5_000, checkpoints[BlueskySource.CheckpointKey]);

        var summary = await Uploader().UploadClosedHoursAsync();

        var entry = Assert.Single(summary.Uploaded);
        Assert.Equal((3L, 3L), (entry.PostCount, entry.CanonicalCount));
        var raw = await _lake.ReadTextAsync(LakeLayout.RawPostHourKey(PostSources.Bluesky, Hour));
        Assert.Equal([Post("3kept0000000a", T0 + 1_000, "Watching The Mandalorian tonight"), Repost("3repost00000a", T0 + 3_000, "3kept0000000a"), Post("3kept0000000b", T0 + 5_000, "again", "TheGoodDoctor")], raw.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var canonical = await CanonicalAsync();
        Assert.Equal([IdOf("3kept0000000a"), IdOf("3repost00000a", JetstreamEventReader.RepostCollection), IdOf("3kept0000000b")], canonical.Select(p => p.Id));
        Assert.Equal(canonical[0].Text, canonical[1].Text);
        Assert.Equal(["thegooddoctor"], canonical[2].Hashtags);
        Assert.All(canonical, p => Assert.Equal(PostSources.Bluesky, p.Source));
    }

    [Fact]
    public async Task A_repost_after_a_restart_is_kept_when_its_subject_was_kept_before_the_restart()
    {
        _server.Enqueue(FakeJetstreamConnection.Accept(
            Text(Post("3kept0000000a", T0 + 1_000, "Watching The Mandalorian tonight")),
            Text(Post("3kept0000000b", T0 + 2_000, "The Mandalorian again"))));
        await CaptureUntilAsync(IdOf("3kept0000000b"));

        // A new source, as after a restart: its repost window starts from the store.
        _server.Enqueue(FakeJetstreamConnection.Accept(
            Text(Repost("3repost00000a", T0 + 1_800_000_000, "3kept0000000a")),
            Text(Repost("3repost00000b", T0 + 1_800_001_000, "3other000000a")),
            Text(Post("3kept0000000c", T0 + 1_800_002_000, "The Mandalorian three"))));
        await CaptureUntilAsync(IdOf("3kept0000000c"));

        var stored = await _store.ReadHourAsync(PostSources.Bluesky, Hour).Select(p => p.Id).ToListAsync();
        Assert.Contains(IdOf("3repost00000a", JetstreamEventReader.RepostCollection), stored);
        Assert.DoesNotContain(IdOf("3repost00000b", JetstreamEventReader.RepostCollection), stored);
        Assert.Equal(T0 + 2_000 - 5_000_000, _server.Requests[1].Cursor); // resumed from the committed cursor, not started afresh
    }

    [Fact]
    public async Task The_upload_writes_the_manifest_a_rebuild_would_so_the_hour_is_current()
    {
        _server.Enqueue(FakeJetstreamConnection.Accept(Text(Post("3kept0000000a", T0 + 1_000, "The Mandalorian"))));
        await CaptureUntilAsync(IdOf("3kept0000000a"));
        await Uploader().UploadClosedHoursAsync();
        var uploaded = await _lake.ReadTextAsync(LakeLayout.CanonicalPostHourKey(PostSources.Bluesky, Hour));

        var rebuilder = Rebuilder();
        var check = Assert.Single(await rebuilder.InspectAsync(PostSources.Bluesky, [Hour]));
        var forced = await rebuilder.RebuildHourAsync(PostSources.Bluesky, Hour, force: true);

        Assert.Equal(CanonicalHourState.Current, check.State);
        Assert.Equal(RebuildOutcome.Rebuilt, forced.Outcome);
        Assert.Equal(uploaded, await _lake.ReadTextAsync(LakeLayout.CanonicalPostHourKey(PostSources.Bluesky, Hour))); // the same bytes
    }

    [Fact]
    public async Task A_delete_before_upload_removes_the_post_and_one_after_goes_to_the_deletes_log_and_out_of_the_rebuild()
    {
        _server.Enqueue(FakeJetstreamConnection.Accept(
            Text(Post("3kept0000000a", T0 + 1_000, "The Mandalorian one")),
            Text(Post("3kept0000000b", T0 + 2_000, "The Mandalorian two")),
            Text(Delete("3kept0000000a", T0 + 3_000)),
            Text(Delete("3unknown0000a", T0 + 4_000)),
            Text(Post("3kept0000000c", T0 + 5_000, "The Mandalorian three"))));
        await CaptureUntilAsync(IdOf("3kept0000000c"));
        Assert.Equal(2, Assert.Single(await _store.ReadHourCountsAsync()).Kept);
        await Uploader().UploadClosedHoursAsync();
        Assert.Equal([IdOf("3kept0000000b"), IdOf("3kept0000000c")], (await CanonicalAsync()).Select(p => p.Id).Order());

        // An hour later, the second post is deleted: it is in the lake already.
        _time.Advance(TimeSpan.FromHours(1));
        var later = T0 + 3_600_000_000;
        _server.Enqueue(FakeJetstreamConnection.Accept(Text(Delete("3kept0000000b", later)), Text(Post("3kept0000000d", later + 1, "The Mandalorian four"))));
        await CaptureUntilAsync(IdOf("3kept0000000d"));
        _time.Advance(TimeSpan.FromHours(1));
        await Uploader().UploadClosedHoursAsync();

        var log = await _lake.ReadTextAsync(LakeLayout.BlueskyDeletesHourKey(Hour.AddHours(1)));
        Assert.Equal("{\"id\":" + IdOf("3kept0000000b") + ",\"uri\":\"" + UriOf("3kept0000000b") + "\",\"time_us\":" + later + "}\n", log);
        var check = Assert.Single(await Rebuilder().InspectAsync(PostSources.Bluesky, [Hour]));
        Assert.True(check.IsStale); // the new deletes log makes the hour stale
        var rebuilt = await Rebuilder().RebuildHourAsync(PostSources.Bluesky, Hour);
        Assert.Equal(1, rebuilt.LeftOut);
        Assert.Equal([IdOf("3kept0000000c")], (await CanonicalAsync()).Select(p => p.Id));
    }

    [Fact]
    public async Task A_dropped_connection_is_recorded_as_a_gap_and_the_reconnect_resumes_from_the_committed_cursor()
    {
        _server.Enqueue(
            FakeJetstreamConnection.Accept(Text(Post("3kept0000000a", T0 + 1_000_000, "The Mandalorian")), Drop),
            FakeJetstreamConnection.Accept(Text(Post("3kept0000000b", T0 + 2_000_000, "The Mandalorian again"))));
        var log = ConnectionLog.Open(_database);
        var recorder = new ConnectionRecorder(log, _time, NullLogger<ConnectionRecorder>.Instance);
        await recorder.StartSessionAsync(PostSources.Bluesky, CancellationToken.None);
        var advancing = AdvanceWhileWaitingAsync();

        await CaptureUntilAsync(IdOf("3kept0000000b"), reporter: recorder);
        await recorder.EndSessionAsync(PostSources.Bluesky);

        var gaps = await log.ReadGapsAsync();
        Assert.Contains(gaps, g => g.Source == PostSources.Bluesky && g.Reason != ConnectionRecorder.Connecting && !g.Open);
        Assert.Equal(T0 + 1_000_000 - 5_000_000, _server.Requests[1].Cursor); // the last time_us read minus the margin
        await _timeout.CancelAsync();
        await advancing;
    }

    /// <summary>Captures from the stand-in until the post <paramref name="lastId"/> has committed.</summary>
    private async Task CaptureUntilAsync(long lastId, IBlueskyQuarantine? quarantine = null, ConnectionRecorder? reporter = null)
    {
        var filter = ShowKeepFilter.For(ShowCatalogue.LoadDefault());
        var source = new BlueskySource(
            Options.Create(new BlueskyOptions { Instances = [_server.SubscribeUri.AbsoluteUri], ReconnectDelayInitial = TimeSpan.FromSeconds(1) }),
            _ => Task.FromResult(filter),
            reporter,
            quarantine,
            _time,
            storedSince: (hour, limit, cancellationToken) => _store.ReadLatestIdsAsync(PostSources.Bluesky, hour, limit, cancellationToken));
        var pipeline = new CapturePipeline(_store, new CaptureOptions { BatchMaxDelay = TimeSpan.FromMilliseconds(50) });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        pipeline.Committed = batch =>
        {
            if (batch.Posts.Any(p => p.Id == lastId))
            {
                stop.Cancel();
            }
        };
        await pipeline.RunAsync(source.ReadAsync(await _store.ReadCheckpointsAsync(), stop.Token), source.Filtered, stop.Token);
        Assert.False(_timeout.IsCancellationRequested, "capture did not see its last post in time");
    }

    /// <summary>Moves the fake clock on while the client waits to reconnect (the wait is all it needs the clock for here).</summary>
    private async Task AdvanceWhileWaitingAsync()
    {
        while (!_timeout.IsCancellationRequested)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }
    }

    private HourlyUploader Uploader() => new(
        _store,
        UploadLedger.Open(_database),
        ConnectionLog.Open(_database),
        _lake,
        new UploadOptions { RetryDelay = TimeSpan.Zero, WorkDirectory = Path.Combine(_folder, "work"), Retention = TimeSpan.FromDays(36500), ClosedHourGrace = TimeSpan.Zero },
        new FakeTimeProvider(_time.GetUtcNow().AddHours(1)));

    private CanonicalRebuilder Rebuilder() => new(
        _lake,
        new RawPostNormalisers([new PostNormaliser(), new BlueskyNormaliser(_lake)]),
        Options.Create(new RebuildOptions { WorkDirectory = Path.Combine(_folder, "rebuild") }));

    private async Task<List<CanonicalPost>> CanonicalAsync() =>
        [.. (await _lake.ReadTextAsync(LakeLayout.CanonicalPostHourKey(PostSources.Bluesky, Hour))).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => CanonicalPostJson.Parse(Encoding.UTF8.GetBytes(l)))];
}
