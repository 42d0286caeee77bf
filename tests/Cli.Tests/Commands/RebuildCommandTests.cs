using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Rebuild;

namespace TrendingTv.Cli.Tests.Commands;

/// <summary><c>trendingtv rebuild</c>: what it writes and its exit codes (0 done, 1 an hour failed, 2 usage or configuration, 130 interrupted).</summary>
[Collection(RebuildCommandTests.Collection)]
public sealed class RebuildCommandTests : IDisposable
{
    /// <summary>The rebuild's progress display is one per process (Spectre.Console), so its tests run one at a time.</summary>
    public const string Collection = "rebuild command";

    private static readonly DateTimeOffset Hour = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);
    private const string Post = """{"data":{"id":"1861000000000000005","created_at":"2026-11-25T05:10:00.000Z","text":"❤️ The Mandalorian️! #TheMandalorian #themandalorian","entities":{"hashtags":[{"tag":"TheMandalorian"},{"tag":"themandalorian"}]}}}""";

    private readonly TemporaryDirectory _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Rebuild_writes_the_missing_canonical_hours_of_the_range_and_their_manifests()
    {
        PutRaw(Hour, Post + "\nnot json\n");

        var exit = await RunAsync("rebuild", "--from", "2026-11-25", "--to", "2026-11-25", "--lake", _lake.Path);

        Assert.Equal(0, exit);
        var canonical = await File.ReadAllTextAsync(PathOf(LakeLayout.CanonicalPostHourKey(PostSources.X, Hour)));
        Assert.Contains("\"text_key\":\" the mandalorian themandalorian themandalorian \",\"hashtags\":[\"themandalorian\"]", canonical, StringComparison.Ordinal);
        Assert.True(File.Exists(PathOf(CanonicalHourManifest.KeyOf(PostSources.X, Hour))));
    }

    [Fact]
    public async Task A_second_rebuild_leaves_current_hours_untouched_and_force_rewrites_them_identically()
    {
        PutRaw(Hour, Post + "\n");
        await RunAsync("rebuild", "--from", "2026-11-25", "--to", "2026-11-25", "--lake", _lake.Path, "--source", "x");
        var path = PathOf(LakeLayout.CanonicalPostHourKey(PostSources.X, Hour));
        var (bytes, written) = (await File.ReadAllBytesAsync(path), File.GetLastWriteTimeUtc(path));

        Assert.Equal(0, await RunAsync("rebuild", "--from", "2026-11-25", "--to", "2026-11-25", "--lake", _lake.Path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal(0, await RunAsync("rebuild", "--from", "2026-11-25", "--to", "2026-11-25", "--lake", _lake.Path, "--force"));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Bluesky_hours_can_be_rebuilt()
    {
        Assert.Equal(0, await RunAsync("rebuild", "--from", "2026-11-25", "--to", "2026-11-25", "--source", "bluesky", "--lake", _lake.Path));
    }

    [Theory]
    [InlineData("--from", "2026-11-26", "--to", "2026-11-25")]
    [InlineData("--from", "2026-11-25", "--to", "2026-11-25", "--source", "mastodon")]
    [InlineData("--from", "2026-11-25", "--to", "2026-11-25", "--lake", "ftp://nowhere/lake")]
    public async Task Bad_usage_or_configuration_exits_2(params string[] options)
    {
        Assert.Equal(2, await RunAsync(["rebuild", .. options]));
    }

    [Fact]
    public async Task An_hour_that_cannot_be_written_exits_1_and_the_other_hours_are_rebuilt()
    {
        PutRaw(Hour, Post + "\n");
        PutRaw(Hour.AddHours(1), Post.Replace("05:10", "06:10", StringComparison.Ordinal) + "\n");
        Directory.CreateDirectory(PathOf(LakeLayout.CanonicalPostHourKey(PostSources.X, Hour)) + "/blocked");

        var exit = await RunAsync("rebuild", "--from", "2026-11-25", "--to", "2026-11-25", "--lake", _lake.Path);

        Assert.Equal(1, exit);
        Assert.True(File.Exists(PathOf(LakeLayout.CanonicalPostHourKey(PostSources.X, Hour.AddHours(1)))));
    }

    [Fact]
    public async Task An_interrupted_rebuild_stops_and_writes_nothing()
    {
        PutRaw(Hour, Post + "\n");
        using var interrupted = new CancellationTokenSource();
        await interrupted.CancelAsync();

        // CliApplication turns the cancellation into exit code 130/143 (RebuildSignalTests sends a real SIGTERM).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CliApplication.CreateRootCommand()
            .Parse(["rebuild", "--from", "2026-11-25", "--to", "2026-11-25", "--lake", _lake.Path])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false }, interrupted.Token));

        Assert.False(File.Exists(PathOf(LakeLayout.CanonicalPostHourKey(PostSources.X, Hour))));
    }

    private static async Task<int> RunAsync(params string[] args) => (await CliRun.InProcessAsync(args)).ExitCode;

    private void PutRaw(DateTimeOffset hour, string lines)
    {
        var path = PathOf(LakeLayout.RawPostHourKey(PostSources.X, hour));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, lines);
    }

    private string PathOf(string key) => Path.Combine(_lake.Path, key);
}
