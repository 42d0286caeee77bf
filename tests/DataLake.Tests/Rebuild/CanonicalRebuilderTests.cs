using System.Text;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.DataLake.Tests.Posts;
using static TrendingTv.DataLake.Tests.Rebuild.RebuildLake;

namespace TrendingTv.DataLake.Tests.Rebuild;

/// <summary>The rebuild on a local lake holding three real raw hours (04: v1 stream, 05: v1 REST, 06: v2 stream).</summary>
public sealed class CanonicalRebuilderTests : IDisposable
{
    private readonly RebuildLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Missing_canonical_hours_are_rebuilt_from_their_raw_hours_as_the_normaliser_writes_them()
    {
        await _lake.PutRealRawHoursAsync();

        var summary = await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        Assert.Equal((24, 3, 0, 21, 0), (summary.HoursChecked, summary.Rebuilt.Count, summary.SkippedAsCurrent, summary.WithoutRaw, summary.Failures.Count));
        Assert.Equal(71 + 158 + 7, summary.Posts);
        Assert.All(summary.Rebuilt, h => Assert.Equal(CanonicalHourState.Missing, h.Found));
        Assert.Equal(await NormaliseAsync(V1Stream), await _lake.Store.ReadBytesAsync(Canonical(Hours[0])));
        Assert.Equal(await NormaliseAsync(Rest), await _lake.Store.ReadBytesAsync(Canonical(Hours[1])));
        Assert.Equal(await NormaliseAsync(V2Stream), await _lake.Store.ReadBytesAsync(Canonical(Hours[2])));
        Assert.Empty(Directory.GetFiles(_lake.WorkDirectory));
    }

    [Fact]
    public async Task The_manifest_records_the_version_the_raw_and_canonical_files_and_the_counts()
    {
        await _lake.PutRealRawHoursAsync();

        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        var manifest = await _lake.ManifestAsync(Hours[2]);
        var raw = PostTestData.Bytes(V2Stream);
        var canonical = await _lake.Store.ReadBytesAsync(Canonical(Hours[2]));
        Assert.Equal(
            (PostSources.X, Hours[2], NormaliserVersion.Current, (long)raw.Length, Sha256(raw), (long)canonical.Length, Sha256(canonical), 9L, 7L, 1L, 1L, 0L),
            (manifest.Source, manifest.Hour, manifest.Version, manifest.RawBytes, manifest.RawSha256, manifest.CanonicalBytes, manifest.CanonicalSha256,
                manifest.Lines, manifest.Posts, manifest.Duplicates, manifest.Skipped, manifest.Quarantined));
        Assert.Equal("tweets/2026/11/25/06/2026-11-25-06.manifest.json", Manifest(Hours[2]));
    }

    [Fact]
    public async Task Rebuilding_again_writes_identical_bytes()
    {
        await _lake.PutRealRawHoursAsync();
        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        var first = await SnapshotAsync();

        var forced = await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day, force: true);

        Assert.Equal(3, forced.Rebuilt.Count);
        Assert.Equal(first, await SnapshotAsync());
    }

    [Fact]
    public async Task A_second_run_skips_current_hours_and_writes_nothing()
    {
        await _lake.PutRealRawHoursAsync();
        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        var before = await ModifiedAsync();

        var again = await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        Assert.Equal((0, 3, 21), (again.Rebuilt.Count, again.SkippedAsCurrent, again.WithoutRaw));
        Assert.Equal(before, await ModifiedAsync());
    }

    [Fact]
    public async Task Hours_outside_the_range_and_canonical_hours_without_raw_are_left_alone()
    {
        await _lake.PutRealRawHoursAsync();
        var outside = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        await _lake.Store.PutBytesAsync(LakeLayout.RawPostHourKey(PostSources.X, outside), PostTestData.Bytes(V2Stream));
        var migrated = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        await _lake.Store.PutTextAsync(Canonical(migrated), "{\"kept\":true}\n");

        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day, force: true);

        Assert.Null(await _lake.BytesOrNullAsync(Canonical(outside)));
        Assert.Equal("{\"kept\":true}\n", await _lake.Store.ReadTextAsync(Canonical(migrated)));
        Assert.Null(await _lake.BytesOrNullAsync(Manifest(migrated)));
    }

    [Fact]
    public async Task Each_kind_of_damage_makes_its_hour_stale_and_the_rebuild_repairs_it()
    {
        await _lake.PutRealRawHoursAsync();
        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        var good = await SnapshotAsync();

        await _lake.Store.DeleteAsync(Canonical(Hours[0]));                                   // moved away
        await _lake.Store.PutBytesAsync(Canonical(Hours[1]), ReadOnlyMemory<byte>.Empty);      // emptied
        var v2 = await _lake.Store.ReadTextAsync(Canonical(Hours[2]));
        await _lake.Store.PutTextAsync(Canonical(Hours[2]), v2[..(v2.IndexOf('\n', StringComparison.Ordinal) + 1)]); // one post of seven left

        var states = await _lake.StatesAsync();
        Assert.Equal([CanonicalHourState.Missing, CanonicalHourState.Empty, CanonicalHourState.CanonicalChanged], Hours.Select(h => states[h]));

        var repaired = await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        Assert.Equal(3, repaired.Rebuilt.Count);
        Assert.Equal(good, await SnapshotAsync());
    }

    [Fact]
    public async Task Hours_without_a_manifest_or_with_a_damaged_one_are_unverified()
    {
        await _lake.PutRealRawHoursAsync();
        await _lake.Store.PutBytesAsync(Canonical(Hours[0]), await NormaliseAsync(V1Stream)); // as the uploader writes it
        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        await _lake.Store.DeleteAsync(Manifest(Hours[1]));                      // a crash between the canonical file and its manifest
        await _lake.Store.PutTextAsync(Manifest(Hours[2]), "{\"source\":");     // a damaged manifest

        var states = await _lake.StatesAsync();

        Assert.Equal([CanonicalHourState.Current, CanonicalHourState.Unverified, CanonicalHourState.Unverified], Hours.Select(h => states[h]));
    }

    [Fact]
    public async Task Bumping_the_version_rebuilds_exactly_the_hours_of_older_versions()
    {
        await _lake.PutRealRawHoursAsync();
        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        var good = await SnapshotAsync();
        foreach (var hour in new[] { Hours[0], Hours[2] })
        {
            var older = await _lake.ManifestAsync(hour) with { Version = NormaliserVersion.Current - 1 };
            await _lake.Store.PutBytesAsync(Manifest(hour), older.ToJsonBytes());
        }

        var untouched = (await _lake.Store.GetInfoAsync(Canonical(Hours[1])))!.LastModified;
        var summary = await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        Assert.Equal([Hours[0], Hours[2]], summary.Rebuilt.Select(h => h.Hour));
        Assert.All(summary.Rebuilt, h => Assert.Equal(CanonicalHourState.OlderVersion, h.Found));
        Assert.Equal(1, summary.SkippedAsCurrent);
        Assert.Equal(untouched, (await _lake.Store.GetInfoAsync(Canonical(Hours[1])))!.LastModified);
        Assert.Equal(good, await SnapshotAsync());
    }

    [Fact]
    public async Task An_hour_written_by_a_newer_version_is_left_as_it_is_unless_forced()
    {
        await _lake.PutRealRawHoursAsync();
        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        var newer = await _lake.ManifestAsync(Hours[0]) with { Version = NormaliserVersion.Current + 1 };
        await _lake.Store.PutBytesAsync(Manifest(Hours[0]), newer.ToJsonBytes());

        var summary = await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        Assert.Equal((0, 1), (summary.Rebuilt.Count, summary.NewerVersion));
        Assert.Equal(NormaliserVersion.Current + 1, (await _lake.ManifestAsync(Hours[0])).Version);
    }

    [Fact]
    public async Task A_raw_hour_uploaded_again_with_late_posts_makes_its_canonical_hour_stale()
    {
        await _lake.PutRealRawHoursAsync();
        await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        var late = """{"data":{"id":"1377650999999999999","created_at":"2026-11-25T06:59:59.000Z","text":"late #Dark"}}""";
        await _lake.Store.PutBytesAsync(LakeLayout.RawPostHourKey(PostSources.X, Hours[2]), PostTestData.Bytes(V2Stream).Concat(Encoding.UTF8.GetBytes(late + "\n")).ToArray());

        Assert.Equal(CanonicalHourState.RawChanged, (await _lake.StatesAsync())[Hours[2]]);
        var summary = await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        Assert.Equal(8, Assert.Single(summary.Rebuilt).Posts);
        Assert.Equal(8, (await _lake.ManifestAsync(Hours[2])).Posts);
    }

    [Fact]
    public async Task Quarantined_lines_are_counted_and_the_first_is_kept_for_the_log()
    {
        var hour = Hours[0];
        await _lake.Store.PutBytesAsync(LakeLayout.RawPostHourKey(PostSources.X, hour), PostTestData.Bytes("mixed-v1-v2-blank-garbage-duplicates-truncated-last-line.jsonl"));

        var result = await _lake.Rebuilder.RebuildHourAsync(PostSources.X, hour);

        Assert.Equal((RebuildOutcome.Rebuilt, 5L, 4L, 2L), (result.Outcome, result.Posts, result.Quarantined, result.Duplicates));
        Assert.Contains("\"line\":5", result.FirstQuarantined, StringComparison.Ordinal);
        Assert.Equal(4, (await _lake.ManifestAsync(hour)).Quarantined);
    }

    [Fact]
    public async Task Rebuilding_one_hour_checks_it_afresh_and_skips_it_when_current()
    {
        await _lake.PutRealRawHoursAsync();

        var first = await _lake.Rebuilder.RebuildHourAsync(PostSources.X, Hours[1]);
        var retry = await _lake.Rebuilder.RebuildHourAsync(PostSources.X, Hours[1]);
        var none = await _lake.Rebuilder.RebuildHourAsync(PostSources.X, Hours[1].AddHours(10));

        Assert.Equal((RebuildOutcome.Rebuilt, CanonicalHourState.Missing), (first.Outcome, first.Found));
        Assert.Equal((RebuildOutcome.Skipped, CanonicalHourState.Current), (retry.Outcome, retry.Found));
        Assert.Equal(RebuildOutcome.NoRaw, none.Outcome);
    }

    [Fact]
    public async Task An_interrupted_rebuild_leaves_the_hour_as_it_was_and_the_next_run_finishes_it()
    {
        await _lake.PutRealRawHoursAsync();
        var uploaderWritten = await NormaliseAsync(Rest);
        var truncated = uploaderWritten[..(Array.IndexOf(uploaderWritten, (byte)'\n') + 1)];
        await _lake.Store.PutBytesAsync(Canonical(Hours[1]), truncated);
        using var interrupt = new CancellationTokenSource();
        var rawKey = LakeLayout.RawPostHourKey(PostSources.X, Hours[1]);
        using var interrupted = new RebuildLake(new InterruptingStore(_lake.Store, rawKey, interrupt, bytes: 100_000));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => interrupted.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day, cancellationToken: interrupt.Token));

        Assert.Equal(truncated, await _lake.Store.ReadBytesAsync(Canonical(Hours[1])));
        Assert.Equal(CanonicalHourState.Unverified, (await _lake.StatesAsync())[Hours[1]]);
        Assert.Empty(Directory.GetFiles(interrupted.WorkDirectory));
        var finished = await _lake.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);
        Assert.Contains(finished.Rebuilt, h => h.Hour == Hours[1]);
        Assert.Equal(uploaderWritten, await _lake.Store.ReadBytesAsync(Canonical(Hours[1])));
    }

    [Fact]
    public async Task A_failed_hour_is_reported_and_left_as_it_was_while_the_others_are_rebuilt()
    {
        await _lake.PutRealRawHoursAsync();
        var rawKey = LakeLayout.RawPostHourKey(PostSources.X, Hours[1]);
        using var failing = new RebuildLake(new InterruptingStore(_lake.Store, rawKey));

        var summary = await failing.Rebuilder.RebuildRangeAsync([PostSources.X], Day, Day);

        var failure = Assert.Single(summary.Failures);
        Assert.Equal(Hours[1], failure.Hour);
        Assert.Contains("Simulated read failure", failure.Message, StringComparison.Ordinal);
        Assert.Equal([Hours[0], Hours[2]], summary.Rebuilt.Select(h => h.Hour));
        Assert.Null(await _lake.BytesOrNullAsync(Canonical(Hours[1])));
        Assert.Null(await _lake.BytesOrNullAsync(Manifest(Hours[1])));
    }

    [Fact]
    public async Task A_source_without_a_normaliser_is_refused_with_its_name()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => _lake.Rebuilder.RebuildRangeAsync([PostSources.Bluesky], Day, Day));

        Assert.Contains("'bluesky'", error.Message, StringComparison.Ordinal);
        Assert.Equal([PostSources.X], _lake.Rebuilder.Sources);
    }

    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var hour in Hours)
        {
            snapshot[Canonical(hour)] = Sha256(await _lake.Store.ReadBytesAsync(Canonical(hour)));
            var manifest = await _lake.ManifestAsync(hour);
            snapshot[Manifest(hour)] = $"{manifest.Version} {manifest.CanonicalSha256} {manifest.RawSha256} {manifest.Posts}";
        }

        return snapshot;
    }

    private async Task<List<DateTimeOffset>> ModifiedAsync()
    {
        var times = new List<DateTimeOffset>();
        await foreach (var info in _lake.Store.ListAsync(LakeLayout.CanonicalPostDayPrefix(PostSources.X, Day)))
        {
            times.Add(info.LastModified);
        }

        return times;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
