using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources.Replay;
using TrendingTv.Streamer.Tests.Capture;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Tests.Upload;

public sealed class HourlyUploaderTests : IAsyncLifetime
{
    internal static readonly DateTimeOffset V1Hour = new(2018, 3, 10, 14, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset V2Hour = new(2021, 4, 1, 15, 0, 0, TimeSpan.Zero);
    private readonly string _folder = TestFiles.NewScratchFolder();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 30, 0, TimeSpan.Zero));
    private PostStore _store = null!;
    private UploadLedger _ledger = null!;
    private ConnectionLog _log = null!;
    private LocalDirectoryStore _lake = null!;

    private string DbPath => Path.Combine(_folder, "capture.db");

    public Task InitializeAsync()
    {
        var database = CaptureDatabase.Open(DbPath);
        _store = PostStore.Open(database);
        _ledger = UploadLedger.Open(database);
        _log = ConnectionLog.Open(database);
        _lake = new LocalDirectoryStore(LakeUri.Local(Path.Combine(_folder, "lake")));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private HourlyUploader Uploader(IObjectStore? lake = null, UploadOptions? options = null) => new(
        _store,
        _ledger,
        _log,
        lake ?? _lake,
        options ?? new UploadOptions { RetryDelay = TimeSpan.Zero, WorkDirectory = Path.Combine(_folder, "work"), Retention = TimeSpan.FromDays(36500) },
        _time);

    private Task ReplayFixturesAsync() => ReplayFixturesAsync(_store);

    /// <summary>Captures the v1.1 and v2 stream fixtures: 71 posts in <see cref="V1Hour"/>, the rest in <see cref="V2Hour"/>.</summary>
    internal static async Task ReplayFixturesAsync(PostStore store) =>
        await new CapturePipeline(store).RunAsync(new ReplaySource([TestFiles.V1Stream, TestFiles.V2Stream]).ReadAsync());

    [Fact]
    public async Task Each_closed_hour_is_uploaded_raw_and_canonical_verified_and_recorded()
    {
        await ReplayFixturesAsync();

        var summary = await Uploader().UploadClosedHoursAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal([V1Hour, V2Hour], summary.Uploaded.Select(e => e.Hour));
        var v1 = summary.Uploaded[0];
        Assert.Equal((PostSources.X, 71L, LakeLayout.RawPostHourKey(PostSources.X, V1Hour), LakeLayout.CanonicalPostHourKey(PostSources.X, V1Hour)), (v1.Source, v1.PostCount, v1.RawKey, v1.CanonicalKey));
        var raw = await _lake.ReadBytesAsync(v1.RawKey!);
        Assert.Equal(v1.RawSha256, Convert.ToHexStringLower(SHA256.HashData(raw)));
        Assert.Equal(v1.RawBytes, raw.Length);

        // Raw: each distinct post once, as received; canonical: the same posts, same order.
        var received = File.ReadAllLines(TestFiles.V1Stream).DistinctBy(Id).OrderBy(Id).ToList();
        var rawLines = Encoding.UTF8.GetString(raw).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(received, rawLines);
        var canonical = (await _lake.ReadTextAsync(v1.CanonicalKey!)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => CanonicalPostJson.Parse(Encoding.UTF8.GetBytes(l))).ToList();
        Assert.Equal(received.Select(Id), canonical.Select(p => p.Id));
        Assert.Equal(v1.CanonicalCount, canonical.Count);
        Assert.Equal(await _ledger.ReadAsync(), summary.Uploaded);
    }

    [Fact]
    public async Task An_hour_still_open_waits_until_it_closes_plus_the_grace()
    {
        var hour = LakeLayout.HourOf(_time.GetUtcNow());
        await _store.WriteBatchAsync([PostStoreTests.Post(1, _time.GetUtcNow())]);

        Assert.Empty((await Uploader().UploadClosedHoursAsync()).Uploaded);
        _time.SetUtcNow(hour.AddHours(1).AddMinutes(1));
        Assert.Empty((await Uploader().UploadClosedHoursAsync()).Uploaded);
        _time.SetUtcNow(hour.AddHours(1).AddMinutes(2));

        Assert.Equal(hour, Assert.Single((await Uploader().UploadClosedHoursAsync()).Uploaded).Hour);
    }

    [Fact]
    public async Task Running_again_uploads_nothing_and_uploading_an_hour_again_writes_the_same_bytes()
    {
        await ReplayFixturesAsync();
        var first = await Uploader().UploadClosedHoursAsync();
        var before = await _lake.ReadBytesAsync(first.Uploaded[1].CanonicalKey!);

        var second = await Uploader().UploadClosedHoursAsync();
        var again = await Uploader().UploadHourAsync(PostSources.X, V2Hour);

        Assert.Empty(second.Uploaded);
        Assert.Equal(before, await _lake.ReadBytesAsync(again.CanonicalKey!));
        Assert.Equal(first.Uploaded[1].RawSha256, again.RawSha256);
    }

    [Fact]
    public async Task Posts_arriving_late_for_an_uploaded_hour_upload_the_whole_hour_again()
    {
        var hour = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        await _store.WriteBatchAsync([PostStoreTests.Post(1, hour), PostStoreTests.Post(2, hour.AddMinutes(10))]);
        await Uploader().UploadClosedHoursAsync();

        await _store.WriteBatchAsync([PostStoreTests.Post(3, hour.AddMinutes(20))]);
        var entry = Assert.Single((await Uploader().UploadClosedHoursAsync()).Uploaded);

        Assert.Equal(3, entry.PostCount);
        Assert.Equal(3, (await _lake.ReadTextAsync(entry.RawKey!)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Only_hours_connected_throughout_without_posts_are_recorded_as_empty()
    {
        var start = new DateTimeOffset(2026, 11, 28, 4, 15, 0, TimeSpan.Zero);
        var session = await _log.StartSessionAsync(PostSources.X, start);
        await _log.TouchSessionAsync(session, start.AddHours(5)); // 04:15 .. 09:15
        var outage = await _log.OpenGapAsync(session, PostSources.X, start.AddHours(2).AddMinutes(30), "connect failed: refused", start.AddHours(2).AddMinutes(30));
        await _log.CloseGapAsync(outage, start.AddHours(3).AddMinutes(50)); // 06:45 .. 08:05
        await _store.WriteBatchAsync([PostStoreTests.Post(1, start.AddHours(1))]);

        var summary = await Uploader().UploadClosedHoursAsync();

        Assert.Equal(start.AddHours(1).AddMinutes(-15), Assert.Single(summary.Uploaded).Hour); // 05:00, with its post
        // 04 and 09: capture not running all hour; 06, 07, 08: the outage; only 05 (has posts) and nothing else qualifies
        Assert.Empty(summary.EmptyHours);
        var ledger = await _ledger.ReadAsync();
        Assert.Equal([5], ledger.Select(e => e.Hour.Hour));
        Assert.Equal(3, (await _lake.ListAsync("").ToListAsync()).Count); // raw, canonical and the canonical hour's manifest
    }

    [Fact]
    public async Task An_hour_without_posts_inside_an_unbroken_session_is_recorded_empty_and_not_uploaded()
    {
        var start = new DateTimeOffset(2026, 11, 28, 5, 30, 0, TimeSpan.Zero);
        var session = await _log.StartSessionAsync(PostSources.X, start);
        await _log.TouchSessionAsync(session, start.AddHours(3)); // 05:30 .. 08:30
        await _store.WriteBatchAsync([PostStoreTests.Post(1, start.AddHours(1))]); // 06:30

        var summary = await Uploader().UploadClosedHoursAsync();

        Assert.Equal([(PostSources.X, 7)], summary.EmptyHours.Select(h => (h.Source, h.Hour.Hour)));
        var empty = Assert.Single(await _ledger.ReadAsync(), e => e.PostCount == 0);
        Assert.Null(empty.RawKey);
        Assert.Single(await _lake.ListAsync("tweet_raw/").ToListAsync());
    }

    [Fact]
    public async Task Hours_are_uploaded_per_source_to_that_sources_keys()
    {
        var hour = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        await _store.WriteBatchAsync([PostStoreTests.Post(1, hour), PostStoreTests.Post(2, hour, source: PostSources.Bluesky)]);
        var uploader = new HourlyUploader(_store, _ledger, _log, _lake, new UploadOptions { RetryDelay = TimeSpan.Zero }, _time, normalisers: new RawPostNormalisers([new PostNormaliser(), new SkippingNormaliser(PostSources.Bluesky)]));

        var summary = await uploader.UploadClosedHoursAsync();

        Assert.Equal(
            [(PostSources.Bluesky, LakeLayout.RawPostHourKey(PostSources.Bluesky, hour)), (PostSources.X, LakeLayout.RawPostHourKey(PostSources.X, hour))],
            summary.Uploaded.Select(e => (e.Source, e.RawKey)));
        Assert.StartsWith("bluesky_raw/", summary.Uploaded[0].RawKey!, StringComparison.Ordinal);
        Assert.StartsWith("tweet_raw/", summary.Uploaded[1].RawKey!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purging_never_touches_an_hour_that_is_not_in_the_ledger()
    {
        var hour = new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero);
        await _store.WriteBatchAsync([PostStoreTests.Post(1, hour), PostStoreTests.Post(2, hour.AddHours(1))]);
        var failing = new FaultingObjectStore(_lake) { FailPuts = int.MaxValue };
        var noRetention = new UploadOptions { Retention = TimeSpan.Zero, RetryAttempts = 0, RetryDelay = TimeSpan.Zero };

        var summary = await Uploader(failing, noRetention).UploadClosedHoursAsync();
        var purgedLater = await Uploader(failing, noRetention).PurgeAsync();

        Assert.Equal(2, summary.FailedHours.Count);
        Assert.Equal((0L, 0L), (summary.Purged, purgedLater));
        Assert.Equal(2, await _store.CountPostsAsync());
        Assert.Empty(await _ledger.ReadAsync());
    }

    [Fact]
    public async Task Purging_skips_an_hour_whose_posts_outnumber_its_ledger_entry()
    {
        var hour = new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero);
        await _store.WriteBatchAsync([PostStoreTests.Post(1, hour)]);
        await Uploader().UploadClosedHoursAsync();
        await _store.WriteBatchAsync([PostStoreTests.Post(2, hour)]); // late, not uploaded yet

        var purged = await Uploader(options: new UploadOptions { Retention = TimeSpan.Zero, RetryDelay = TimeSpan.Zero }).PurgeAsync();

        Assert.Equal(0, purged);
        Assert.Equal(2, await _store.CountPostsAsync());
    }

    [Fact]
    public async Task A_second_upload_of_the_same_store_waits_for_the_lock_then_gives_up_with_a_clear_message()
    {
        await ReplayFixturesAsync();
        using var held = await UploadLock.AcquireAsync(_store.Database.DatabasePath, TimeSpan.Zero, _time, CancellationToken.None);
        var second = Uploader(options: new UploadOptions { LockWait = TimeSpan.FromMinutes(1), RetryDelay = TimeSpan.Zero }).UploadClosedHoursAsync();

        while (!second.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1)); // the fake clock runs until the upload gives up, however slow the machine
            await Task.Delay(1);
        }

        var error = await Assert.ThrowsAsync<UploadBusyException>(() => second);
        Assert.Contains(UploadLock.PathOf(_store.Database.DatabasePath), error.Message, StringComparison.Ordinal);
        Assert.Empty(await _ledger.ReadAsync());
    }

    [Fact]
    public async Task Each_store_stages_in_its_own_folder_next_to_it_and_leaves_it_empty()
    {
        await ReplayFixturesAsync();
        var uploader = Uploader(options: new UploadOptions { RetryDelay = TimeSpan.Zero });
        Directory.CreateDirectory(Path.Combine(uploader.StagingFolder, "left-by-a-crash"));

        await uploader.UploadClosedHoursAsync();

        Assert.Equal(DbPath + ".upload-staging", uploader.StagingFolder);
        Assert.Empty(Directory.EnumerateFileSystemEntries(uploader.StagingFolder));
    }

    /// <summary>A normaliser of another source that only counts its posts as skipped.</summary>
    private sealed class SkippingNormaliser(string source) : IRawPostNormaliser
    {
        public string Source => source;

        public async Task<NormaliseSummary> NormaliseHourAsync(
            DateTimeOffset hour, Stream rawLines, Stream canonicalOut, Stream? quarantineOut, IReadOnlySet<long> leaveOut, CancellationToken cancellationToken = default)
        {
            using var reader = new StreamReader(rawLines, leaveOpen: true);
            long lines = 0;
            while (await reader.ReadLineAsync(cancellationToken) is not null)
            {
                lines++;
            }

            return new NormaliseSummary(lines, 0, 0, new Dictionary<string, long> { ["test"] = lines }, 0);
        }
    }

    [Fact]
    public async Task Uploaded_posts_are_purged_after_the_retention_only()
    {
        var hour = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        await _store.WriteBatchAsync([PostStoreTests.Post(1, hour), PostStoreTests.Post(2, hour.AddHours(1))]);
        var options = new UploadOptions { Retention = TimeSpan.FromHours(1), RetryDelay = TimeSpan.Zero, WorkDirectory = Path.Combine(_folder, "work") };
        var summary = await Uploader(options: options).UploadClosedHoursAsync();
        Assert.Equal(2, summary.Uploaded.Count);
        Assert.Equal(1, summary.Purged); // 08:00-09:00 ended 1.5 h ago; 09:00-10:00 only 0.5 h ago

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Uploader(options: options).PurgeAsync());
        Assert.Equal(0, await _store.CountPostsAsync());
        Assert.All(await _ledger.ReadAsync(), e => Assert.True(e.Purged));
    }

    [Fact]
    public async Task Failed_uploads_are_retried_and_then_recorded()
    {
        await ReplayFixturesAsync();
        var faulty = new FaultingObjectStore(_lake) { FailPuts = 3 };

        var summary = await Uploader(faulty).UploadClosedHoursAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal(2, summary.Uploaded.Count);
        Assert.Equal(4 + 2 + 3, faulty.PutAttempts); // two files and a manifest per hour, three failures
    }

    [Fact]
    public async Task An_hour_whose_objects_do_not_verify_stays_out_of_the_ledger()
    {
        await ReplayFixturesAsync();
        var corrupting = new FaultingObjectStore(_lake) { CorruptPuts = true };

        var summary = await Uploader(corrupting, new UploadOptions { RetryAttempts = 2, RetryDelay = TimeSpan.Zero, Retention = TimeSpan.FromDays(36500) }).UploadClosedHoursAsync();

        Assert.False(summary.Succeeded);
        Assert.Equal([V1Hour, V2Hour], summary.FailedHours.Select(h => h.Hour));
        Assert.Empty(await _ledger.ReadAsync());
        Assert.Equal(2 * 3, corrupting.PutAttempts); // the raw file of each hour, 1 + 2 retries; canonical never tried

        var healed = await Uploader().UploadClosedHoursAsync();
        Assert.Equal(2, healed.Uploaded.Count);
    }

    private static long Id(string line) =>
        RawPostReader.Read(Encoding.UTF8.GetBytes(line)) is { IsPost: true } post ? post.Id : throw new InvalidDataException(line);
}
