using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Upload;

/// <summary>
/// Uploads each closed UTC hour (by received time) of the capture store to the lake: streams the
/// hour's rows to a local raw file (payloads as received, one a line) and canonical file (the
/// normaliser's records), uploads both to <see cref="LakeLayout.RawTweetHourKey"/> and
/// <see cref="LakeLayout.CanonicalTweetHourKey"/>, reads each back to verify size and SHA-256, and
/// only then records the hour in the ledger. Failed uploads and verifications are retried; an hour
/// that still fails is left out of the ledger and tried again next run. Re-running is safe: the
/// same hour produces the same keys and the same content. An hour with no posts (covered by a live
/// capture session) is recorded with a count of 0 and nothing is uploaded. After upload, posts are
/// purged from the store once <see cref="UploadOptions.Retention"/> has passed.
/// </summary>
public sealed class HourlyUploader
{
    private static readonly JsonWriterOptions CanonicalWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly CaptureStore _store;
    private readonly IObjectStore _lake;
    private readonly UploadOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PostNormaliser _normaliser;
    private readonly ResiliencePipeline _retry;

    public HourlyUploader(
        CaptureStore store,
        IObjectStore lake,
        UploadOptions? options = null,
        TimeProvider? time = null,
        ILogger<HourlyUploader>? logger = null,
        PostNormaliser? normaliser = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _lake = lake ?? throw new ArgumentNullException(nameof(lake));
        _options = options ?? new UploadOptions();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _normaliser = normaliser ?? new PostNormaliser();
        _retry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = Math.Max(_options.RetryAttempts, 1),
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
        if (_options.RetryAttempts == 0)
        {
            _retry = ResiliencePipeline.Empty;
        }
    }

    /// <summary>Uploads every closed hour that is not (fully) in the ledger, oldest first, then purges.</summary>
    public async Task<UploadSummary> UploadClosedHoursAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var closedBefore = LakeLayout.HourOf(now - _options.ClosedHourGrace); // hours strictly before this are closed
        var ledger = (await _store.ReadLedgerAsync(cancellationToken)).ToDictionary(e => e.Hour);
        var counts = await _store.ReadHourCountsAsync(cancellationToken);
        var sessionHours = await _store.ReadSessionHoursAsync(closedBefore, cancellationToken);

        var uploaded = new List<UploadLedgerEntry>();
        var empty = new List<DateTimeOffset>();
        var failed = new List<DateTimeOffset>();
        var withPosts = new HashSet<DateTimeOffset>();
        foreach (var count in counts.Where(c => c.Hour < closedBefore))
        {
            if (count.Captured == 0)
            {
                continue; // only over-cap posts: treated as an empty hour below if a session covers it
            }

            withPosts.Add(count.Hour);
            if (ledger.TryGetValue(count.Hour, out var entry) && entry.PostCount == count.Captured)
            {
                continue;
            }

            if (entry is { Purged: true })
            {
                // Re-uploading would replace the lake's files with only the late posts.
                _logger.LogWarning(
                    "Hour {Hour} was uploaded and purged; {Late} posts captured for it later are not uploaded.",
                    CaptureStore.Describe(count.Hour), count.Captured - entry.PostCount);
                continue;
            }

            try
            {
                var result = await UploadHourAsync(count.Hour, cancellationToken);
                if (result.PostCount > 0)
                {
                    uploaded.Add(result);
                }
                else
                {
                    empty.Add(count.Hour);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Add(count.Hour);
                _logger.LogError(e, "Upload of hour {Hour} failed; it stays out of the ledger and is retried next run.", CaptureStore.Describe(count.Hour));
            }
        }

        foreach (var hour in sessionHours.Where(h => !withPosts.Contains(h) && !ledger.ContainsKey(h)).Order())
        {
            await _store.RecordUploadAsync(EmptyEntry(hour), cancellationToken);
            empty.Add(hour);
        }

        var purged = await PurgeAsync(cancellationToken);
        _logger.LogInformation(
            "Upload: {Uploaded} hours uploaded, {Empty} empty hours recorded, {Failed} failed, {Purged} posts purged.",
            uploaded.Count, empty.Count, failed.Count, purged);
        return new UploadSummary(uploaded, empty, failed, purged);
    }

    /// <summary>Deletes posts of uploaded hours that ended more than <see cref="UploadOptions.Retention"/> ago.</summary>
    public Task<long> PurgeAsync(CancellationToken cancellationToken = default) =>
        _store.PurgeUploadedAsync(_time.GetUtcNow() - _options.Retention, cancellationToken);

    /// <summary>Uploads one hour (whatever its ledger state), verifies both objects and records it in the ledger.</summary>
    public async Task<UploadLedgerEntry> UploadHourAsync(DateTimeOffset hour, CancellationToken cancellationToken = default)
    {
        hour = LakeLayout.HourOf(hour);
        var workRoot = string.IsNullOrWhiteSpace(_options.WorkDirectory) ? Path.Combine(Path.GetTempPath(), "trendingtv-upload") : _options.WorkDirectory;
        var work = Directory.CreateDirectory(Path.Combine(workRoot, $"{hour:yyyyMMddHH}-{Guid.NewGuid():N}")).FullName;
        try
        {
            var rawPath = Path.Combine(work, "raw.json");
            var canonicalPath = Path.Combine(work, "canonical.jsonl");
            long posts = 0, canonical = 0, skipped = 0, quarantined = 0;
            string rawSha, canonicalSha;
            long rawBytes, canonicalBytes;
            using (var raw = new HashingFileWriter(rawPath))
            using (var canonicalFile = new HashingFileWriter(canonicalPath))
            using (var json = new Utf8JsonWriter(canonicalFile, CanonicalWriterOptions))
            {
                await foreach (var post in _store.ReadHourAsync(hour, cancellationToken))
                {
                    raw.Write(post.Payload);
                    raw.WriteByte((byte)'\n');
                    posts++;
                    var line = _normaliser.Normalise(post.Payload);
                    switch (line.Kind)
                    {
                        case NormalisedLineKind.Post:
                            CanonicalPostJson.Write(json, line.Post!);
                            json.Flush();
                            json.Reset();
                            canonicalFile.WriteByte((byte)'\n');
                            canonical++;
                            break;
                        case NormalisedLineKind.Skipped:
                            skipped++;
                            break;
                        default:
                            quarantined++;
                            _logger.LogWarning("Hour {Hour}: post {Id} could not be normalised ({Reason}); it is in the raw file only.", CaptureStore.Describe(hour), post.Id, line.Reason);
                            break;
                    }
                }

                rawSha = raw.Finish();
                canonicalSha = canonicalFile.Finish();
                rawBytes = raw.Length;
                canonicalBytes = canonicalFile.Length;
            }

            if (posts == 0)
            {
                if ((await _store.ReadLedgerAsync(cancellationToken)).FirstOrDefault(e => e.Hour == hour) is { PostCount: > 0 } uploadedBefore)
                {
                    throw new InvalidOperationException(
                        $"Hour {CaptureStore.Describe(hour)} has no posts left in the store (purged after upload: {uploadedBefore.PostCount} posts in {uploadedBefore.RawKey}); it cannot be uploaded again.");
                }

                var entry = EmptyEntry(hour);
                await _store.RecordUploadAsync(entry, cancellationToken);
                return entry;
            }

            var rawKey = LakeLayout.RawTweetHourKey(hour);
            var canonicalKey = LakeLayout.CanonicalTweetHourKey(hour);
            await UploadVerifiedAsync(rawPath, rawKey, rawBytes, rawSha, cancellationToken);
            await UploadVerifiedAsync(canonicalPath, canonicalKey, canonicalBytes, canonicalSha, cancellationToken);
            var uploaded = new UploadLedgerEntry(hour, posts, canonical, skipped, quarantined, rawKey, rawBytes, rawSha, canonicalKey, canonicalBytes, canonicalSha, _time.GetUtcNow());
            await _store.RecordUploadAsync(uploaded, cancellationToken);
            _logger.LogInformation(
                "Hour {Hour}: {Posts} posts ({Canonical} canonical, {Skipped} skipped, {Quarantined} quarantined) uploaded and verified: {RawKey} ({RawBytes} bytes), {CanonicalKey} ({CanonicalBytes} bytes).",
                CaptureStore.Describe(hour), posts, canonical, skipped, quarantined, rawKey, rawBytes, canonicalKey, canonicalBytes);
            return uploaded;
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException e)
            {
                _logger.LogWarning(e, "Could not delete the upload work folder {Folder}.", work);
            }
        }
    }

    private async Task UploadVerifiedAsync(string path, string key, long size, string sha256, CancellationToken cancellationToken)
    {
        await _retry.ExecuteAsync(
            async token =>
            {
                await _lake.UploadFileAsync(path, key, token);
                await VerifyAsync(key, size, sha256, token);
            },
            cancellationToken);
    }

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

    private UploadLedgerEntry EmptyEntry(DateTimeOffset hour) =>
        new(hour, 0, 0, 0, 0, null, 0, null, null, 0, null, _time.GetUtcNow());
}
