using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.DataLake.Tests.Rebuild;

/// <summary>
/// Bluesky's deletes log and the rebuild, through a stand-in normaliser for that source: the ids named by the logs of
/// the hour and later are left out, and a delete logged after a rebuild makes the hour stale.
/// </summary>
public sealed class DeletesRebuildTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 5, 25, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = DateOnly.FromDateTime(Hour.UtcDateTime);

    private readonly FakeBlueskyNormaliser _bluesky = new();
    private readonly RebuildLake _lake;

    public DeletesRebuildTests()
    {
        _lake = new RebuildLake(null, new PostNormaliser(), _bluesky);
    }

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task The_rebuild_leaves_out_posts_named_in_the_deletes_logs_of_the_hour_and_later()
    {
        await PutRawAsync(Hour, 11, 12, 13, 14);
        await PutDeletesAsync(Hour.AddHours(-2), 13);      // before the hour: cannot name its posts
        await PutDeletesAsync(Hour, 14);
        await PutDeletesAsync(Hour.AddHours(30), 12, 99);

        var result = await _lake.Rebuilder.RebuildHourAsync(PostSources.Bluesky, Hour);

        Assert.Equal((RebuildOutcome.Rebuilt, 2L, 2L), (result.Outcome, result.Posts, result.LeftOut));
        Assert.Equal([12L, 14L, 99L], Assert.Single(_bluesky.Calls).LeaveOut);
        var canonical = await _lake.Store.ReadTextAsync(LakeLayout.CanonicalPostHourKey(PostSources.Bluesky, Hour));
        Assert.Equal(["11", "13"], canonical.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')[0]["{\"id\":".Length..]));
        var manifest = await ManifestAsync();
        Assert.Equal((2, 2L), (manifest.Deletes.Files, manifest.LeftOut));
    }

    [Fact]
    public async Task A_delete_logged_after_the_rebuild_makes_the_hour_stale_and_the_next_rebuild_drops_the_post()
    {
        await PutRawAsync(Hour, 21, 22);
        await _lake.Rebuilder.RebuildHourAsync(PostSources.Bluesky, Hour);
        Assert.Equal(CanonicalHourState.Current, await StateAsync());

        await PutDeletesAsync(Hour.AddHours(5), 22);

        Assert.Equal(CanonicalHourState.DeletesChanged, await StateAsync());
        var summary = await _lake.Rebuilder.RebuildRangeAsync([PostSources.Bluesky], Day, Day);
        Assert.Equal((1L, 1L), (Assert.Single(summary.Rebuilt).Posts, summary.LeftOut));
        Assert.Equal(CanonicalHourState.Current, await StateAsync());
    }

    [Fact]
    public async Task A_deletes_log_logged_before_the_hour_does_not_make_it_stale()
    {
        await PutRawAsync(Hour, 31);
        await _lake.Rebuilder.RebuildHourAsync(PostSources.Bluesky, Hour);

        await PutDeletesAsync(Hour.AddHours(-1), 31);

        Assert.Equal(CanonicalHourState.Current, await StateAsync());
    }

    [Fact]
    public async Task A_damaged_deletes_log_fails_the_hour_naming_the_log_and_line()
    {
        await PutRawAsync(Hour, 41);
        var key = LakeLayout.BlueskyDeletesHourKey(Hour.AddHours(1));
        await _lake.Store.PutTextAsync(key, "{\"id\":5,\"uri\":\"at://x\",\"time_us\":1}\nnot json\n");

        var summary = await _lake.Rebuilder.RebuildRangeAsync([PostSources.Bluesky], Day, Day);

        var failure = Assert.Single(summary.Failures);
        Assert.Contains($"{key} line 2 is not a delete record", failure.Message, StringComparison.Ordinal);
        Assert.False(await _lake.Store.ExistsAsync(LakeLayout.CanonicalPostHourKey(PostSources.Bluesky, Hour)));
    }

    [Fact]
    public async Task X_hours_ignore_the_bluesky_deletes_log()
    {
        var hour = new DateTimeOffset(2026, 5, 25, 3, 0, 0, TimeSpan.Zero);
        await _lake.Store.PutTextAsync(
            LakeLayout.RawPostHourKey(PostSources.X, hour), """{"data":{"id":"7","created_at":"2026-05-25T03:00:00.000Z","text":"hi"}}""" + "\n");
        await PutDeletesAsync(hour.AddHours(1), 7);

        var result = await _lake.Rebuilder.RebuildHourAsync(PostSources.X, hour);

        Assert.Equal((1L, 0L), (result.Posts, result.LeftOut));
        Assert.Equal(DeletesFingerprint.None, (await _lake.ManifestAsync(hour)).Deletes);
    }

    private Task PutRawAsync(DateTimeOffset hour, params long[] ids) =>
        _lake.Store.PutTextAsync(
            LakeLayout.RawPostHourKey(PostSources.Bluesky, hour),
            string.Concat(ids.Select(id => $"{{\"id\":{id},\"text\":\"post {id}\"}}\n")));

    private Task PutDeletesAsync(DateTimeOffset hour, params long[] ids) =>
        _lake.Store.PutTextAsync(
            LakeLayout.BlueskyDeletesHourKey(hour),
            string.Concat(ids.Select(id => $"{{\"id\":{id},\"uri\":\"at://did:plc:abc/app.bsky.feed.post/{id}\",\"time_us\":1779719009132431}}\n")));

    private async Task<CanonicalHourState> StateAsync() => (await _lake.Rebuilder.InspectAsync(PostSources.Bluesky, [Hour])).Single().State;

    private async Task<CanonicalHourManifest> ManifestAsync() =>
        CanonicalHourManifest.TryParse(await _lake.Store.ReadBytesAsync(CanonicalHourManifest.KeyOf(PostSources.Bluesky, Hour)))!;
}
