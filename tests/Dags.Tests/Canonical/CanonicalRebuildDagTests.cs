using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;

namespace TrendingTv.Dags.Tests.Canonical;

/// <summary>
/// The tweet DAG with the local DuckDB engine on a local lake: its raw-data step brings the canonical hours the job
/// reads up to date before the job runs, so a missing, emptied or cut canonical hour never undercounts a day.
/// </summary>
public sealed class CanonicalRebuildDagTests : IDisposable
{
    private static readonly DateOnly Day = TweetDay.Date;
    private static readonly DateTimeOffset Hour05 = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("dags-canonical-").FullName;
    private readonly LocalDirectoryStore _lake;

    public CanonicalRebuildDagTests()
    {
        _lake = new LocalDirectoryStore(LakeUri.Local(_directory));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_canonical_hour_moved_away_is_rebuilt_before_the_job_and_the_day_counts_every_post()
    {
        var expected = await TweetDay.PutAsync(_lake, asTheUploaderDoes: true);
        await _lake.DeleteAsync(LakeLayout.CanonicalTweetHourKey(Hour05));
        await using var dag = await LocalEngineDag.StartAsync(_lake);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(expected, await dag.TweetStatAsync(Day));
        Assert.True(await _lake.ExistsAsync(LakeLayout.CanonicalTweetHourKey(Hour05)));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("cut to one post")]
    public async Task A_canonical_hour_emptied_or_cut_is_rebuilt_before_the_job(string damage)
    {
        var expected = await TweetDay.PutAsync(_lake, asTheUploaderDoes: true);
        await using var dag = await LocalEngineDag.StartAsync(_lake);
        Assert.True((await dag.Host.RunAsync(Dataset.Tweet, Day)).Succeeded);
        var key = LakeLayout.CanonicalTweetHourKey(Hour05);
        var whole = await _lake.ReadTextAsync(key);
        await _lake.PutTextAsync(key, damage == "empty" ? string.Empty : whole[..(whole.IndexOf('\n', StringComparison.Ordinal) + 1)]);

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal((1, 1), (result.Summary!.CanonicalHoursRebuilt, result.Status!.CanonicalHoursRebuilt));
        Assert.Equal(expected, await dag.TweetStatAsync(Day));
        Assert.Equal(whole, await _lake.ReadTextAsync(key));
    }

    [Fact]
    public async Task Deleting_a_days_canonical_files_and_running_its_dag_gives_byte_identical_files_and_the_same_tweet_stat()
    {
        await TweetDay.PutAsync(_lake, asTheUploaderDoes: true);
        var uploaded = await CanonicalFilesAsync();
        await using var dag = await LocalEngineDag.StartAsync(_lake);
        Assert.True((await dag.Host.RunAsync(Dataset.Tweet, Day)).Succeeded);
        var before = await dag.TweetStatAsync(Day);

        var deleted = await _lake.DeleteByPrefixAsync(LakeLayout.CanonicalTweetDayPrefix(Day));
        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.Equal(48, deleted); // 24 canonical files and their manifests
        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(24, result.Summary!.CanonicalHoursRebuilt);
        Assert.Equal(uploaded, await CanonicalFilesAsync());
        Assert.Equal(before, await dag.TweetStatAsync(Day));
    }

    [Fact]
    public async Task Bumping_the_version_rebuilds_exactly_the_stale_hours()
    {
        await TweetDay.PutAsync(_lake, asTheUploaderDoes: true);
        await using var dag = await LocalEngineDag.StartAsync(_lake);
        var first = await dag.Host.RunAsync(Dataset.Tweet, Day);
        Assert.Equal(25, first.Summary!.CanonicalHoursRebuilt); // written by the uploader: no manifests yet
        var stale = TweetDay.Hours.Where((_, i) => i % 10 == 3).ToList();
        foreach (var hour in stale)
        {
            var key = CanonicalHourManifest.KeyOf(PostSources.X, hour);
            var older = CanonicalHourManifest.TryParse(await _lake.ReadBytesAsync(key))! with { Version = NormaliserVersion.Current - 1 };
            await _lake.PutBytesAsync(key, older.ToJsonBytes());
        }

        var modified = await ModifiedAsync();
        var second = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.True(second.Succeeded, second.FailureMessage);
        Assert.Equal(stale.Count, second.Summary!.CanonicalHoursRebuilt);
        var changed = (await ModifiedAsync()).Where(m => modified[m.Key] != m.Value).Select(m => m.Key).Order().ToList();
        Assert.Equal(stale.Select(h => LakeLayout.CanonicalTweetHourKey(h)).Order(), changed);
    }

    [Fact]
    public async Task A_rebuild_that_fails_after_replacing_the_canonical_file_is_retried_and_the_run_counts_every_post()
    {
        var expected = await TweetDay.PutAsync(_lake, asTheUploaderDoes: true);
        await _lake.DeleteAsync(LakeLayout.CanonicalTweetHourKey(Hour05));
        await using var dag = await LocalEngineDag.StartAsync(_lake, lake => new FailFirstManifestStore(lake));

        var result = await dag.Host.RunAsync(Dataset.Tweet, Day);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(expected, await dag.TweetStatAsync(Day));
        Assert.True(await _lake.ExistsAsync(CanonicalHourManifest.KeyOf(PostSources.X, Hour05)));
    }

    private async Task<Dictionary<string, string>> CanonicalFilesAsync()
    {
        var files = new Dictionary<string, string>();
        await foreach (var info in _lake.ListAsync(LakeLayout.CanonicalTweetDayPrefix(Day)))
        {
            if (info.Key.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                files[info.Key] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await _lake.ReadBytesAsync(info.Key)));
            }
        }

        return files;
    }

    private async Task<Dictionary<string, DateTimeOffset>> ModifiedAsync()
    {
        var times = new Dictionary<string, DateTimeOffset>();
        foreach (var hour in TweetDay.Hours)
        {
            var key = LakeLayout.CanonicalTweetHourKey(hour);
            times[key] = (await _lake.GetInfoAsync(key))!.LastModified;
        }

        return times;
    }
}
