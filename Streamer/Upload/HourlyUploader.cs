using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Upload;

/// <summary>
/// Uploads each closed UTC hour (by received time) of each source in the posts store to the lake: stages the hour's
/// raw and canonical files, uploads them to <see cref="LakeLayout.RawPostHourKey"/> and
/// <see cref="LakeLayout.CanonicalPostHourKey"/>, reads each back to verify size and SHA-256, and only then records
/// the hour in the <see cref="UploadLedger"/>; then writes the hour's <see cref="CanonicalHourManifest"/>, as a rebuild
/// would, so the canonical hour counts as current. Each source's canonical records come from its registered
/// <see cref="IRawPostNormaliser"/> (the one the rebuild uses), leaving out the posts its deletes log names. Deletes of
/// uploaded Bluesky posts go to the lake's deletes log of the hour they were received. Failed uploads and verifications are retried; an hour that still
/// fails stays out of the ledger and is tried again next run. Re-running is safe: the same hour gives the same keys
/// and content. An hour without posts is recorded as empty only when the connection log shows the source connected
/// throughout it; an hour of an outage is never recorded as empty. Posts are purged from the store
/// <see cref="UploadOptions.Retention"/> after their hour, and only for hours whose ledger entry covers every post.
/// One upload runs per store at a time (<see cref="UploadLock"/>); each store stages in its own folder.
/// </summary>
public sealed class HourlyUploader
{
    private readonly PostStore _store;
    private readonly UploadLedger _ledger;
    private readonly ConnectionLog _connections;
    private readonly IObjectStore _lake;
    private readonly UploadOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RawPostNormalisers _normalisers;
    private readonly ResiliencePipeline _retry;

    public HourlyUploader(
        PostStore store,
        UploadLedger ledger,
        ConnectionLog connections,
        IObjectStore lake,
        UploadOptions? options = null,
        TimeProvider? time = null,
        ILogger<HourlyUploader>? logger = null,
        RawPostNormalisers? normalisers = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        _connections = connections ?? throw new ArgumentNullException(nameof(connections));
        _lake = lake ?? throw new ArgumentNullException(nameof(lake));
        _options = options ?? new UploadOptions();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _normalisers = normalisers ?? new RawPostNormalisers([new PostNormaliser(), new BlueskyNormaliser(lake)]);
        _retry = BuildRetry();
    }

    /// <summary>Closed hours holding posts that the ledger does not cover (for the <c>trendingtv.upload.hours_waiting</c> gauge).</summary>
    public long CountHoursWaiting() => _ledger.CountHoursWaiting(LakeLayout.HourOf(_time.GetUtcNow() - _options.ClosedHourGrace));

    /// <summary>The staging folder of this store.</summary>
    public string StagingFolder => _options.StagingFolder(_store.Database.DatabasePath);

    /// <summary>Uploads every closed hour of every source not (fully) in the ledger, oldest first; records empty hours; then purges.</summary>
    /// <exception cref="UploadBusyException">Another upload of this store held the lock for longer than <see cref="UploadOptions.LockWait"/>.</exception>
    public async Task<UploadSummary> UploadClosedHoursAsync(CancellationToken cancellationToken = default)
    {
        using var held = await UploadLock.AcquireAsync(_store.Database.DatabasePath, _options.LockWait, _time, cancellationToken);
        ClearStaging();
        var plan = await PlanAsync(cancellationToken);
        var uploaded = new List<UploadLedgerEntry>();
        var failed = new List<(string Source, DateTimeOffset Hour)>();
        foreach (var (source, hour) in plan.ToUpload)
        {
            try
            {
                uploaded.Add(await UploadHourLockedAsync(source, hour, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Add((source, hour));
                _logger.LogError(e, "Upload of hour {Hour} of {Source} failed; it stays out of the ledger and is retried next run.", CaptureDatabase.Describe(hour), source);
            }
        }

        foreach (var (source, hour) in plan.Empty)
        {
            await _ledger.RecordAsync(EmptyEntry(source, hour), cancellationToken);
        }

        await LogDeletesLockedAsync(cancellationToken);

        var purged = await PurgeLockedAsync(cancellationToken);
        _logger.LogInformation(
            "Upload: {Uploaded} hours uploaded, {Empty} empty hours recorded, {Failed} failed, {Purged} posts purged.",
            uploaded.Count, plan.Empty.Count, failed.Count, purged);
        return new UploadSummary(uploaded, plan.Empty, failed, purged);
    }

    /// <summary>Uploads one hour of <paramref name="source"/> (whatever its ledger state), verifies both objects and records it.</summary>
    public async Task<UploadLedgerEntry> UploadHourAsync(string source, DateTimeOffset hour, CancellationToken cancellationToken = default)
    {
        using var held = await UploadLock.AcquireAsync(_store.Database.DatabasePath, _options.LockWait, _time, cancellationToken);
        return await UploadHourLockedAsync(source, LakeLayout.HourOf(hour), cancellationToken);
    }

    /// <summary>Deletes the posts of ledgered hours that ended more than <see cref="UploadOptions.Retention"/> ago.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken = default)
    {
        using var held = await UploadLock.AcquireAsync(_store.Database.DatabasePath, _options.LockWait, _time, cancellationToken);
        return await PurgeLockedAsync(cancellationToken);
    }

    /// <summary>Closed hours with posts not (fully) in the ledger, and closed hours connected throughout without posts and not yet recorded.</summary>
    private async Task<UploadPlan> PlanAsync(CancellationToken cancellationToken)
    {
        var closedBefore = LakeLayout.HourOf(_time.GetUtcNow() - _options.ClosedHourGrace); // hours strictly before are closed
        var ledger = (await _ledger.ReadAsync(cancellationToken)).ToDictionary(e => (e.Source, e.Hour));
        var counts = await _store.ReadHourCountsAsync(cancellationToken);
        var toUpload = new List<(string, DateTimeOffset)>();
        foreach (var count in counts.Where(c => c.Hour < closedBefore && c.Kept > 0))
        {
            var entry = ledger.GetValueOrDefault((count.Source, count.Hour));
            if (entry is { Purged: true } && entry.PostCount != count.Kept)
            {
                // Re-uploading would replace the lake's files with only the late posts.
                _logger.LogWarning(
                    "Hour {Hour} of {Source} was uploaded and purged; {Late} posts captured for it later are not uploaded.",
                    CaptureDatabase.Describe(count.Hour), count.Source, count.Kept - entry.PostCount);
            }
            else if (entry?.PostCount != count.Kept)
            {
                toUpload.Add((count.Source, count.Hour));
            }
        }

        var withPosts = counts.Where(c => c.Kept > 0).Select(c => (c.Source, c.Hour)).ToHashSet();
        var empty = new List<(string, DateTimeOffset)>();
        foreach (var hours in await ReadSourceHoursAsync(cancellationToken))
        {
            empty.AddRange(hours.SessionHours(closedBefore)
                .Where(h => hours.ConnectedThroughout(h) && !withPosts.Contains((hours.Source, h)) && !ledger.ContainsKey((hours.Source, h)))
                .Select(h => (hours.Source, h)));
        }

        return new UploadPlan(toUpload, empty);
    }

    private async Task<IReadOnlyList<SourceHours>> ReadSourceHoursAsync(CancellationToken cancellationToken)
    {
        var sessions = await _connections.ReadSessionsAsync(cancellationToken);
        var gaps = await _connections.ReadGapsAsync(cancellationToken);
        return [.. sessions.Select(s => s.Source).Distinct().Select(source => new SourceHours(source, sessions, gaps))];
    }

    private async Task<UploadLedgerEntry> UploadHourLockedAsync(string source, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var normaliser = _normalisers.Supports(source)
            ? _normalisers.For(source)
            : throw new InvalidOperationException($"No normaliser is registered for posts of source '{source}'.");
        var deletes = await DeletesLog.ListAsync(_lake, source, cancellationToken);
        var leaveOut = DeletesLog.AppliesTo(source) ? await deletes.ReadIdsFromAsync(hour, cancellationToken) : new HashSet<long>();
        var folder = Directory.CreateDirectory(Path.Combine(StagingFolder, string.Create(CultureInfo.InvariantCulture, $"{source}-{hour:yyyyMMddHH}-{Guid.NewGuid():N}"))).FullName;
        try
        {
            var files = await new HourFileWriter(_store, normaliser, _logger).WriteAsync(hour, folder, leaveOut, cancellationToken);
            if (files.Posts == 0)
            {
                return await RecordEmptyAsync(source, hour, cancellationToken);
            }

            var rawKey = LakeLayout.RawPostHourKey(source, hour);
            var canonicalKey = LakeLayout.CanonicalPostHourKey(source, hour);
            var manifestKey = CanonicalHourManifest.KeyOf(source, hour);
            // No manifest while the files are replaced: a crash in between leaves the hour stale, never current.
            await _lake.DeleteAsync(manifestKey, cancellationToken);
            await UploadVerifiedAsync(files.RawPath, rawKey, files.RawBytes, files.RawSha256, cancellationToken);
            await UploadVerifiedAsync(files.CanonicalPath, canonicalKey, files.CanonicalBytes, files.CanonicalSha256, cancellationToken);
            var manifest = Manifest(source, hour, files, deletes.FingerprintFrom(hour)).ToJsonBytes();
            await _retry.ExecuteAsync(async token => await _lake.PutBytesAsync(manifestKey, manifest, token), cancellationToken);
            var entry = new UploadLedgerEntry(
                source, hour, files.Posts, files.Canonical, files.Skipped, files.Quarantined,
                rawKey, files.RawBytes, files.RawSha256, canonicalKey, files.CanonicalBytes, files.CanonicalSha256, _time.GetUtcNow());
            await _ledger.RecordAsync(entry, cancellationToken);
            _logger.LogInformation(
                "Hour {Hour} of {Source}: {Posts} posts ({Canonical} canonical, {Skipped} skipped, {Quarantined} quarantined) uploaded and verified: {RawKey} ({RawBytes} bytes), {CanonicalKey} ({CanonicalBytes} bytes).",
                CaptureDatabase.Describe(hour), source, files.Posts, files.Canonical, files.Skipped, files.Quarantined, rawKey, files.RawBytes, canonicalKey, files.CanonicalBytes);
            return entry;
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    /// <summary>The manifest a rebuild of the uploaded raw hour would write (the canonical bytes are the same).</summary>
    private static CanonicalHourManifest Manifest(string source, DateTimeOffset hour, HourFiles files, DeletesFingerprint deletes) => new()
    {
        Source = source,
        Hour = hour,
        Version = NormaliserVersion.Current,
        RawKey = LakeLayout.RawPostHourKey(source, hour),
        RawBytes = files.RawBytes,
        RawSha256 = files.RawSha256,
        CanonicalKey = LakeLayout.CanonicalPostHourKey(source, hour),
        CanonicalBytes = files.CanonicalBytes,
        CanonicalSha256 = files.CanonicalSha256,
        Lines = files.Summary.LinesRead,
        Posts = files.Summary.PostsWritten,
        Duplicates = files.Summary.DuplicatesDropped,
        Skipped = files.Summary.Skipped,
        Quarantined = files.Summary.Quarantined,
        LeftOut = files.Summary.LeftOut,
        Deletes = deletes,
    };

    /// <summary>
    /// Writes the deletes log of each closed hour holding deletes of uploaded posts not logged yet: the hour's whole
    /// log (every delete received in it), verified, then marked logged. A rebuild then leaves those posts out.
    /// </summary>
    private async Task LogDeletesLockedAsync(CancellationToken cancellationToken)
    {
        var closedBefore = LakeLayout.HourOf(_time.GetUtcNow() - _options.ClosedHourGrace);
        foreach (var hour in await _store.ReadDeleteHoursToLogAsync(PostSources.Bluesky, closedBefore, cancellationToken))
        {
            var records = await _store.ReadDeletesAsync(PostSources.Bluesky, hour, cancellationToken);
            var key = LakeLayout.BlueskyDeletesHourKey(hour);
            var path = Path.Combine(Directory.CreateDirectory(StagingFolder).FullName, string.Create(CultureInfo.InvariantCulture, $"deletes-{hour:yyyyMMddHH}-{Guid.NewGuid():N}.jsonl"));
            try
            {
                string sha256;
                long bytes;
                using (var file = new HashingFileWriter(path))
                {
                    foreach (var record in records)
                    {
                        file.Write(record);
                        file.WriteByte((byte)'\n');
                    }

                    bytes = file.Length;
                    sha256 = file.Finish();
                }

                await UploadVerifiedAsync(path, key, bytes, sha256, cancellationToken);
                await _store.MarkDeletesLoggedAsync(PostSources.Bluesky, hour, _time.GetUtcNow() - _options.Retention, cancellationToken);
                _logger.LogInformation("Deletes log {Key}: {Count} deletes of uploaded posts.", key, records.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Writing the deletes log {Key} failed; it is retried next run.", key);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>An hour asked for that has no posts: recorded as empty, unless it was uploaded and purged before.</summary>
    private async Task<UploadLedgerEntry> RecordEmptyAsync(string source, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        if ((await _ledger.ReadAsync(cancellationToken)).FirstOrDefault(e => e.Source == source && e.Hour == hour) is { PostCount: > 0 } before)
        {
            throw new InvalidOperationException(
                $"Hour {CaptureDatabase.Describe(hour)} of {source} has no posts left in the store (purged after upload: {before.PostCount} posts in {before.RawKey}); it cannot be uploaded again.");
        }

        var entry = EmptyEntry(source, hour);
        await _ledger.RecordAsync(entry, cancellationToken);
        return entry;
    }

    /// <summary>Purges ledgered, unpurged hours past the retention whose ledger count still equals the store's count.</summary>
    private async Task<long> PurgeLockedAsync(CancellationToken cancellationToken)
    {
        var endedBy = _time.GetUtcNow() - _options.Retention;
        var kept = (await _store.ReadHourCountsAsync(cancellationToken)).ToDictionary(c => (c.Source, c.Hour), c => c.Kept);
        long purged = 0;
        foreach (var entry in await _ledger.ReadAsync(cancellationToken))
        {
            if (entry.Purged || entry.PostCount == 0 || entry.Hour.AddHours(1) > endedBy || kept.GetValueOrDefault((entry.Source, entry.Hour)) != entry.PostCount)
            {
                continue; // not ledgered in full, still within the retention, or new posts arrived since its upload
            }

            if (await _store.DeleteHourAsync(entry.Source, entry.Hour, entry.PostCount, cancellationToken) is { } deleted)
            {
                await _ledger.MarkPurgedAsync(entry.Source, entry.Hour, cancellationToken);
                purged += deleted;
            }
        }

        return purged;
    }

    private async Task UploadVerifiedAsync(string path, string key, long size, string sha256, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(
            async token =>
            {
                await _lake.UploadFileAsync(path, key, token);
                await VerifyAsync(key, size, sha256, token);
            },
            cancellationToken);

    private async Task VerifyAsync(string key, long size, string sha256, CancellationToken cancellationToken)
    {
        var info = await _lake.GetInfoAsync(key, cancellationToken)
            ?? throw new UploadVerificationException($"{_lake.Root.UriOf(key)} is missing right after its upload.");
        if (info.Size != size)
        {
            throw new UploadVerificationException($"{_lake.Root.UriOf(key)} has {info.Size} bytes after upload; {size} were written.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long read = 0;
        await using (var stream = await _lake.OpenReadAsync(key, cancellationToken))
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                read += n;
            }
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (read != size || !string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new UploadVerificationException(
                string.Create(CultureInfo.InvariantCulture, $"{_lake.Root.UriOf(key)} reads back as {read} bytes with SHA-256 {actual}; {size} bytes with SHA-256 {sha256} were written."));
        }
    }

    private ResiliencePipeline BuildRetry() => _options.RetryAttempts == 0
        ? ResiliencePipeline.Empty
        : new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = _options.RetryAttempts,
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = _options.RetryDelay > TimeSpan.Zero,
                OnRetry = args =>
                {
                    _logger.LogWarning(args.Outcome.Exception, "Upload attempt {Attempt} failed; retrying in {Delay}.", args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>Removes what a crashed upload left in this store's staging folder (called under the lock).</summary>
    private void ClearStaging()
    {
        if (Directory.Exists(StagingFolder))
        {
            foreach (var stale in Directory.EnumerateDirectories(StagingFolder))
            {
                DeleteFolder(stale);
            }
        }
    }

    private void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not delete the upload staging folder {Folder}.", folder);
        }
    }

    private UploadLedgerEntry EmptyEntry(string source, DateTimeOffset hour) =>
        new(source, hour, 0, 0, 0, 0, null, 0, null, null, 0, null, _time.GetUtcNow());

    private sealed record UploadPlan(IReadOnlyList<(string Source, DateTimeOffset Hour)> ToUpload, IReadOnlyList<(string Source, DateTimeOffset Hour)> Empty);
}
