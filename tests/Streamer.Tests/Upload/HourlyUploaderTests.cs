using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Replay;
using TrendingTv.Streamer.Tests.Capture;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Tests.Upload;

public sealed class HourlyUploaderTests : IAsyncLifetime
{
    internal static readonly DateTimeOffset V1Hour = new(2018, 3, 10, 14, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset V2Hour = new(2021, 4, 1, 15, 0, 0, TimeSpan.Zero);
    private readonly string _folder = TestFiles.NewScratchFolder();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 30, 0, TimeSpan.Zero));
    private CaptureStore _store = null!;
    private LocalDirectoryStore _lake = null!;

    public async Task InitializeAsync()
    {
        _store = await CaptureStore.OpenAsync(Path.Combine(_folder, "capture.db"));
        _lake = new LocalDirectoryStore(LakeUri.Local(Path.Combine(_folder, "lake")));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private HourlyUploader Uploader(IObjectStore? lake = null, UploadOptions? options = null) => new(
        _store,
        lake ?? _lake,
        options ?? new UploadOptions { RetryDelay = TimeSpan.Zero, WorkDirectory = Path.Combine(_folder, "work"), Retention = TimeSpan.FromDays(36500) },
        _time);

    private Task ReplayFixturesAsync() => ReplayFixturesAsync(_store);

    /// <summary>Captures the v1.1 and v2 stream fixtures: 71 posts in <see cref="V1Hour"/>, the rest in <see cref="V2Hour"/>.</summary>
    internal static async Task ReplayFixturesAsync(CaptureStore store) =>
        await new CapturePipeline(store).ReplayAsync(new ReplaySource([TestFiles.V1Stream, TestFiles.V2Stream]));

    [Fact]
    public async Task Each_closed_hour_is_uploaded_raw_and_canonical_verified_and_recorded()
    {
        await ReplayFixturesAsync();

        var summary = await Uploader().UploadClosedHoursAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal([V1Hour, V2Hour], summary.Uploaded.Select(e => e.Hour));
        var v1 = summary.Uploaded[0];
        Assert.Equal((71L, LakeLayout.RawTweetHourKey(V1Hour), LakeLayout.CanonicalTweetHourKey(V1Hour)), (v1.PostCount, v1.RawKey, v1.CanonicalKey));
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
        Assert.Equal(await _store.ReadLedgerAsync(), summary.Uploaded);
    }

    [Fact]
    public async Task An_hour_still_open_waits_until_it_closes_plus_the_grace()
    {
        var hour = LakeLayout.HourOf(_time.GetUtcNow());
        await _store.WriteBatchAsync([CaptureStoreTests.Post(1, _time.GetUtcNow())]);

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
        var again = await Uploader().UploadHourAsync(V2Hour);

        Assert.Empty(second.Uploaded);
        Assert.Equal(before, await _lake.ReadBytesAsync(again.CanonicalKey!));
        Assert.Equal(first.Uploaded[1].RawSha256, again.RawSha256);
    }

    [Fact]
    public async Task Posts_arriving_late_for_an_uploaded_hour_upload_the_whole_hour_again()
    {
        var hour = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        await _store.WriteBatchAsync([CaptureStoreTests.Post(1, hour), CaptureStoreTests.Post(2, hour.AddMinutes(10))]);
        await Uploader().UploadClosedHoursAsync();

        await _store.WriteBatchAsync([CaptureStoreTests.Post(3, hour.AddMinutes(20))]);
        var entry = Assert.Single((await Uploader().UploadClosedHoursAsync()).Uploaded);

        Assert.Equal(3, entry.PostCount);
        Assert.Equal(3, (await _lake.ReadTextAsync(entry.RawKey!)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Hours_of_a_capture_session_without_posts_are_recorded_but_not_uploaded()
    {
        var start = new DateTimeOffset(2026, 11, 28, 6, 15, 0, TimeSpan.Zero);
        var session = await _store.StartSessionAsync(start);
        await _store.TouchSessionAsync(session, start.AddHours(3));
        await _store.WriteBatchAsync([CaptureStoreTests.Post(1, start.AddHours(1))]);

        var summary = await Uploader().UploadClosedHoursAsync();

        Assert.Equal(start.AddHours(1).AddMinutes(-15), Assert.Single(summary.Uploaded).Hour);
        Assert.Equal([6, 8, 9], summary.EmptyHours.Select(h => h.Hour).Order());
        var ledger = await _store.ReadLedgerAsync();
        Assert.Equal(4, ledger.Count);
        Assert.All(ledger.Where(e => e.PostCount == 0), e => Assert.Null(e.RawKey));
        Assert.Equal(2, (await _lake.ListAsync("").ToListAsync()).Count);
    }

    [Fact]
    public async Task Uploaded_posts_are_purged_after_the_retention_only()
    {
        var hour = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        await _store.WriteBatchAsync([CaptureStoreTests.Post(1, hour), CaptureStoreTests.Post(2, hour.AddHours(1))]);
        var options = new UploadOptions { Retention = TimeSpan.FromHours(1), RetryDelay = TimeSpan.Zero };
        var summary = await Uploader(options: options).UploadClosedHoursAsync();
        Assert.Equal(2, summary.Uploaded.Count);
        Assert.Equal(1, summary.Purged); // 08:00-09:00 ended 1.5 h ago; 09:00-10:00 only 0.5 h ago

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Uploader(options: options).PurgeAsync());
        Assert.Equal(0, await _store.CountPostsAsync());
        Assert.All(await _store.ReadLedgerAsync(), e => Assert.True(e.Purged));
    }

    [Fact]
    public async Task Failed_uploads_are_retried_and_then_recorded()
    {
        await ReplayFixturesAsync();
        var faulty = new FaultingObjectStore(_lake) { FailPuts = 3 };

        var summary = await Uploader(faulty).UploadClosedHoursAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal(2, summary.Uploaded.Count);
        Assert.Equal(4 + 3, faulty.PutAttempts);
    }

    [Fact]
    public async Task An_hour_whose_objects_do_not_verify_stays_out_of_the_ledger()
    {
        await ReplayFixturesAsync();
        var corrupting = new FaultingObjectStore(_lake) { CorruptPuts = true };

        var summary = await Uploader(corrupting, new UploadOptions { RetryAttempts = 2, RetryDelay = TimeSpan.Zero, Retention = TimeSpan.FromDays(36500) }).UploadClosedHoursAsync();

        Assert.False(summary.Succeeded);
        Assert.Equal([V1Hour, V2Hour], summary.FailedHours);
        Assert.Empty(await _store.ReadLedgerAsync());
        Assert.Equal(2 * 3, corrupting.PutAttempts); // the raw file of each hour, 1 + 2 retries; canonical never tried

        var healed = await Uploader().UploadClosedHoursAsync();
        Assert.Equal(2, healed.Uploaded.Count);
    }

    private static long Id(string line) =>
        PostEnvelope.Read(Encoding.UTF8.GetBytes(line), out var id, out _) == PayloadKind.Post ? id : throw new InvalidDataException(line);
}
