using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Rebuild;

/// <summary>
/// Regenerates canonical hours from raw hours, for any source with a registered <see cref="IRawPostNormaliser"/>:
/// checks which hours are stale (missing, empty, unverified, older version, changed raw or canonical file, new
/// deletes), and rebuilds each one by streaming its raw hour through the normaliser into a staged file, then
/// replacing the canonical file whole and writing its manifest. Constant memory per hour (bar the ids of one hour);
/// idempotent (the same raw bytes give the same canonical bytes); other hours are never touched. Used by
/// <c>trendingtv rebuild</c> and by the tweet DAG's raw-data step. See docs/canonical-records.md.
/// </summary>
public sealed class CanonicalRebuilder
{
    private static readonly IReadOnlySet<long> NoIds = FrozenSet<long>.Empty;

    private readonly IObjectStore _lake;
    private readonly RawPostNormalisers _normalisers;
    private readonly RebuildOptions _options;
    private readonly ILogger _logger;
    private readonly CanonicalHourInspector _inspector;

    public CanonicalRebuilder(IObjectStore lake, RawPostNormalisers normalisers, IOptions<RebuildOptions>? options = null, ILogger<CanonicalRebuilder>? logger = null)
    {
        _lake = lake ?? throw new ArgumentNullException(nameof(lake));
        _normalisers = normalisers ?? throw new ArgumentNullException(nameof(normalisers));
        _options = options?.Value ?? new RebuildOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _inspector = new CanonicalHourInspector(lake);
    }

    /// <summary>The sources this build can rebuild.</summary>
    public IReadOnlyList<string> Sources => _normalisers.Sources;

    /// <summary>How each of <paramref name="hours"/> of <paramref name="source"/> stands. Read-only.</summary>
    public async Task<IReadOnlyList<CanonicalHourCheck>> InspectAsync(string source, IReadOnlyList<DateTimeOffset> hours, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var deletes = await DeletesLog.ListAsync(_lake, source, cancellationToken);
        return await _inspector.InspectAsync(source, hours, deletes, cancellationToken);
    }

    /// <summary>
    /// Rebuilds one hour when it is stale, or whenever it has a raw hour with <paramref name="force"/>. The hour is
    /// checked afresh, so a retry after a crash skips an hour that was finished.
    /// </summary>
    public async Task<HourRebuild> RebuildHourAsync(string source, DateTimeOffset hour, bool force = false, IProgress<long>? rawBytesRead = null, CancellationToken cancellationToken = default)
    {
        var normaliser = _normalisers.For(source);
        hour = LakeLayout.HourOf(hour);
        var deletes = await DeletesLog.ListAsync(_lake, source, cancellationToken);
        var check = (await _inspector.InspectAsync(source, [hour], deletes, cancellationToken))[0];
        return await RebuildCheckedAsync(normaliser, check, force, deletes, rawBytesRead, cancellationToken);
    }

    /// <summary>
    /// Every hour of the dates <paramref name="from"/> to <paramref name="to"/> for each source: the stale ones (all
    /// with a raw hour, with <paramref name="force"/>) are rebuilt oldest first. A failed hour is reported and left
    /// as it was; the others go on. Cancellation stops at once, leaving every hour whole (old or new).
    /// </summary>
    public async Task<RebuildSummary> RebuildRangeAsync(
        IReadOnlyList<string> sources, DateOnly from, DateOnly to, bool force = false, IProgress<RebuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var hours = CanonicalHours.OfDates(from, to);
        var plan = await PlanAsync([.. sources.Select(_normalisers.For)], hours, force, cancellationToken);
        var rebuilt = new List<HourRebuild>();
        var failures = new List<RebuildFailure>();
        var bytesTotal = plan.Hours.Sum(p => p.Check.RawBytes);
        long bytesDone = 0;
        foreach (var (normaliser, check, deletes) in plan.Hours)
        {
            var done = rebuilt.Count + failures.Count;
            var before = bytesDone;
            progress?.Report(new RebuildProgress(check.Source, check.Hour, done, plan.Hours.Count, bytesDone, bytesTotal));
            var rawBytesRead = progress is null ? null : new SyncProgress(read =>
            {
                bytesDone += read;
                progress.Report(new RebuildProgress(check.Source, check.Hour, done, plan.Hours.Count, bytesDone, bytesTotal));
            });
            try
            {
                rebuilt.Add(await RebuildCheckedAsync(normaliser, check, force, deletes, rawBytesRead, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new RebuildFailure(check.Source, check.Hour, e.Message));
                _logger.LogError(e, "Rebuilding {Source} hour {Hour:yyyy-MM-dd HH}:00 failed; it was left as it was.", check.Source, check.Hour);
            }

            bytesDone = before + check.RawBytes;
        }

        progress?.Report(new RebuildProgress(string.Empty, default, plan.Hours.Count, plan.Hours.Count, bytesTotal, bytesTotal));
        return new RebuildSummary(hours.Count * plan.Sources, rebuilt, plan.Current, plan.WithoutRaw, plan.Newer, failures);
    }

    /// <summary>Checks every hour of every source; the hours to rebuild, oldest first per source, and how many were not.</summary>
    private async Task<RangePlan> PlanAsync(IReadOnlyList<IRawPostNormaliser> normalisers, IReadOnlyList<DateTimeOffset> hours, bool force, CancellationToken cancellationToken)
    {
        var plan = new RangePlan(normalisers.Count);
        foreach (var normaliser in normalisers)
        {
            var deletes = await DeletesLog.ListAsync(_lake, normaliser.Source, cancellationToken);
            foreach (var check in await _inspector.InspectAsync(normaliser.Source, hours, deletes, cancellationToken))
            {
                switch (check.State)
                {
                    case CanonicalHourState.NoRaw:
                        plan.WithoutRaw++;
                        break;
                    case CanonicalHourState.NewerVersion when !force:
                        plan.Newer++;
                        _logger.LogWarning("{Source} hour {Hour:yyyy-MM-dd HH}:00 {Reason}.", check.Source, check.Hour, check.Reason);
                        break;
                    case CanonicalHourState.Current when !force:
                        plan.Current++;
                        break;
                    default:
                        plan.Hours.Add((normaliser, check, deletes));
                        break;
                }
            }
        }

        return plan;
    }

    private async Task<HourRebuild> RebuildCheckedAsync(
        IRawPostNormaliser normaliser, CanonicalHourCheck check, bool force, DeletesLog deletes, IProgress<long>? rawBytesRead, CancellationToken cancellationToken)
    {
        if (check.State == CanonicalHourState.NoRaw)
        {
            return new HourRebuild(check.Source, check.Hour, RebuildOutcome.NoRaw, check.State, check.Reason);
        }

        if (!check.IsStale && !force)
        {
            return new HourRebuild(check.Source, check.Hour, RebuildOutcome.Skipped, check.State, check.Reason);
        }

        var result = await WriteHourAsync(normaliser, check, deletes, rawBytesRead, cancellationToken);
        _logger.LogInformation(
            "Rebuilt {Source} hour {Hour:yyyy-MM-dd HH}:00 ({Reason}): {Posts} posts, {Quarantined} lines quarantined, {LeftOut} deleted posts left out.",
            check.Source, check.Hour, force && !check.IsStale ? "forced" : check.Reason, result.Posts, result.Quarantined, result.LeftOut);
        if (result.FirstQuarantined is not null)
        {
            _logger.LogWarning("{Source} hour {Hour:yyyy-MM-dd HH}:00: {Quarantined} raw lines quarantined; the first: {Line}", check.Source, check.Hour, result.Quarantined, result.FirstQuarantined);
        }

        return result;
    }

    /// <summary>Raw hour → staged canonical file → canonical object, then its manifest.</summary>
    private async Task<HourRebuild> WriteHourAsync(
        IRawPostNormaliser normaliser, CanonicalHourCheck check, DeletesLog deletes, IProgress<long>? rawBytesRead, CancellationToken cancellationToken)
    {
        var (source, hour) = (check.Source, check.Hour);
        var rawKey = LakeLayout.RawPostHourKey(source, hour);
        var canonicalKey = LakeLayout.CanonicalPostHourKey(source, hour);
        var manifestKey = CanonicalHourManifest.KeyOf(source, hour);
        var leaveOut = DeletesLog.AppliesTo(source) ? await deletes.ReadIdsFromAsync(hour, cancellationToken) : NoIds;
        var staged = Path.Combine(Directory.CreateDirectory(_options.WorkRoot).FullName, $"{source}-{hour:yyyyMMddHH}-{Guid.NewGuid():N}.jsonl");
        try
        {
            CanonicalHourManifest manifest;
            string? firstQuarantined;
            await using (var raw = new HashingStream(await _lake.OpenReadAsync(rawKey, cancellationToken), rawBytesRead))
            await using (var canonical = new HashingStream(new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true)))
            using (var quarantine = new QuarantineHead())
            {
                var summary = await normaliser.NormaliseHourAsync(hour, raw, canonical, quarantine, leaveOut, cancellationToken);
                await canonical.FlushAsync(cancellationToken);
                firstQuarantined = quarantine.FirstLine;
                manifest = new CanonicalHourManifest
                {
                    Source = source,
                    Hour = hour,
                    Version = NormaliserVersion.Current,
                    RawKey = rawKey,
                    RawBytes = raw.Length64,
                    RawSha256 = raw.Sha256(),
                    CanonicalKey = canonicalKey,
                    CanonicalBytes = canonical.Length64,
                    CanonicalSha256 = canonical.Sha256(),
                    Lines = summary.LinesRead,
                    Posts = summary.PostsWritten,
                    Duplicates = summary.DuplicatesDropped,
                    Skipped = summary.Skipped,
                    Quarantined = summary.Quarantined,
                    LeftOut = summary.LeftOut,
                    Deletes = deletes.FingerprintFrom(hour),
                };
            }

            // No manifest while the canonical file is replaced: a crash in between leaves the hour stale, never current.
            await _lake.DeleteAsync(manifestKey, cancellationToken);
            await _lake.UploadFileAsync(staged, canonicalKey, cancellationToken);
            await _lake.PutBytesAsync(manifestKey, manifest.ToJsonBytes(), cancellationToken);
            return new HourRebuild(
                source, hour, RebuildOutcome.Rebuilt, check.State, check.Reason, manifest.Posts, manifest.Quarantined, manifest.LeftOut, manifest.Duplicates, firstQuarantined);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>The hours a range rebuild will write, and the counts of those it will not.</summary>
    private sealed class RangePlan(int sources)
    {
        public int Sources { get; } = sources;

        public List<(IRawPostNormaliser Normaliser, CanonicalHourCheck Check, DeletesLog Deletes)> Hours { get; } = [];

        public int Current { get; set; }

        public int WithoutRaw { get; set; }

        public int Newer { get; set; }
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to a thread pool and reorder).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
