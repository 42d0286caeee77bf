using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.S3;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Tests.Upload;

/// <summary>
/// The hourly upload against s3rver through the real AWS SDK client, with the wire misbehaving underneath it
/// (500s, 503 SlowDown, connection resets before a request and after the server has handled it).
/// </summary>
[Collection(S3rverFixture.Collection)]
public sealed class HourlyUploaderS3FaultTests(S3rverFixture s3) : IAsyncLifetime
{
    private readonly string _folder = TestFiles.NewScratchFolder();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 30, 0, TimeSpan.Zero));
    private PostStore _store = null!;
    private UploadLedger _ledger = null!;
    private ConnectionLog _log = null!;
    private LakeUri _root = null!;

    public async Task InitializeAsync()
    {
        var database = CaptureDatabase.Open(Path.Combine(_folder, "capture.db"));
        _store = PostStore.Open(database);
        _ledger = UploadLedger.Open(database);
        _log = ConnectionLog.Open(database);
        _root = LakeUri.Parse($"s3://{await s3.NewBucketAsync()}/lake");
        await HourlyUploaderTests.ReplayFixturesAsync(_store);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Transient_S3_faults_are_retried_and_each_hour_is_recorded_once_its_objects_verify()
    {
        int puts = 0, gets = 0;
        var faults = new FaultInjectingHttpClientFactory((method, _, _) =>
            method == HttpMethod.Put ? Interlocked.Increment(ref puts) switch
            {
                1 => S3Fault.InternalError,
                2 => S3Fault.ResetBeforeRequest,
                3 => S3Fault.ResetAfterServerHandled, // the object is written; only the answer is lost
                4 => S3Fault.SlowDown,
                _ => S3Fault.None,
            }
            : method == HttpMethod.Get && Interlocked.Increment(ref gets) == 1 ? S3Fault.InternalError : S3Fault.None);
        using var client = s3.Server.CreateClient(faults);

        var summary = await Uploader(new S3ObjectStore(client, _root)).UploadClosedHoursAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal([HourlyUploaderTests.V1Hour, HourlyUploaderTests.V2Hour], summary.Uploaded.Select(e => e.Hour));
        Assert.Equal(5, faults.FaultsInjected);
        await AssertLedgerMatchesTheBucketAsync(2);
    }

    [Fact]
    public async Task While_S3_keeps_failing_no_hour_enters_the_ledger_and_the_next_run_uploads_them()
    {
        var failing = true;
        var faults = new FaultInjectingHttpClientFactory((method, _, _) =>
            Volatile.Read(ref failing) && method == HttpMethod.Put ? S3Fault.InternalError : S3Fault.None);
        using var client = s3.Server.CreateClient(faults);
        var lake = new S3ObjectStore(client, _root);

        var failed = await Uploader(lake).UploadClosedHoursAsync();

        Assert.False(failed.Succeeded);
        Assert.Equal([HourlyUploaderTests.V1Hour, HourlyUploaderTests.V2Hour], failed.FailedHours.Select(h => h.Hour));
        Assert.Empty(await _ledger.ReadAsync());
        Assert.True(faults.FaultsInjected >= 2 * 2, string.Join('\n', faults.Log));

        Volatile.Write(ref failing, false);
        var healed = await Uploader(lake).UploadClosedHoursAsync();

        Assert.True(healed.Succeeded);
        await AssertLedgerMatchesTheBucketAsync(2);
    }

    private HourlyUploader Uploader(IObjectStore lake) => new(
        _store,
        _ledger,
        _log,
        lake,
        new UploadOptions { RetryAttempts = 1, RetryDelay = TimeSpan.Zero, WorkDirectory = Path.Combine(_folder, "work"), Retention = TimeSpan.FromDays(36500) },
        _time);

    /// <summary>Reads every recorded object back through a client without faults: size and SHA-256 as the ledger says.</summary>
    private async Task AssertLedgerMatchesTheBucketAsync(int hours)
    {
        var ledger = await _ledger.ReadAsync();
        Assert.Equal(hours, ledger.Count);
        var clean = s3.CreateStore(_root);
        foreach (var entry in ledger)
        {
            foreach (var (key, bytes, sha256) in new[] { (entry.RawKey!, entry.RawBytes, entry.RawSha256), (entry.CanonicalKey!, entry.CanonicalBytes, entry.CanonicalSha256) })
            {
                var stored = await clean.ReadBytesAsync(key);
                Assert.Equal((bytes, sha256), ((long)stored.Length, Convert.ToHexStringLower(SHA256.HashData(stored))));
            }
        }
    }
}
