using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Sources.Replay;

namespace TrendingTv.Streamer.Tests.Sources.Replay;

public sealed class ReplaySourceTests : IDisposable
{
    private readonly string _folder = TestFiles.NewScratchFolder();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Replayed_posts_are_received_at_their_created_at_with_payloads_unchanged()
    {
        var source = new ReplaySource([TestFiles.V2Stream, TestFiles.V1Stream]);

        var posts = await source.ReadAsync().ToListAsync();

        Assert.Equal(8 + 72, posts.Count);
        Assert.All(posts, p => Assert.Equal(p.CreatedAt, p.ReceivedAt));
        var lines = File.ReadAllLines(TestFiles.V2Stream).Concat(File.ReadAllLines(TestFiles.V1Stream)).Where(l => !l.StartsWith("{\"errors\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(lines, posts.Select(p => System.Text.Encoding.UTF8.GetString(p.Payload.Span)));
        Assert.Equal(1, source.Statistics.NotPosts);
        Assert.Equal(0, source.Statistics.Malformed);
    }

    [Fact]
    public async Task A_replay_resumes_after_the_last_committed_line()
    {
        var db = Path.Combine(_folder, "capture.db");
        await using var store = PostStore.Open(db);
        var first = new ReplaySource([TestFiles.V1Stream]);
        var firstTen = await first.ReadAsync().Take(10).ToListAsync();
        await store.WriteBatchAsync(firstTen);

        var rest = await new ReplaySource([TestFiles.V1Stream]).ReadAsync(await store.ReadCheckpointsAsync()).ToListAsync();

        Assert.Equal(62, rest.Count);
        Assert.Equal(firstTen[^1].Checkpoint!.Offset, new FileInfo(TestFiles.V1Stream).Length - rest.Sum(p => p.Payload.Length + 1));
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_skipped()
    {
        var file = Path.Combine(_folder, "mixed.jsonl");
        await File.WriteAllLinesAsync(file, [File.ReadLines(TestFiles.V2Stream).First(), "not json", "", """{"data":{"id":"5","text":"no created_at"}}"""]);
        var source = new ReplaySource([file]);

        var posts = await source.ReadAsync().ToListAsync();

        Assert.Single(posts);
        Assert.Equal(2, source.Statistics.Malformed);
    }

    [Fact]
    public async Task A_rate_paces_the_replay_on_the_time_provider()
    {
        var time = new FakeTimeProvider();
        var source = new ReplaySource([TestFiles.V1Stream], new ReplayOptions { PostsPerSecond = 10 }, time);
        await using var posts = source.ReadAsync().GetAsyncEnumerator();

        Assert.True(await posts.MoveNextAsync()); // the first post is due at once
        var second = posts.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromMilliseconds(90));
        Assert.False(second.IsCompleted); // due at 100 ms: nothing can complete it before
        time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.True(await second);
    }

    [Fact]
    public async Task An_over_long_line_is_quarantined_with_its_number_and_the_lines_around_it_are_kept()
    {
        var lines = File.ReadLines(TestFiles.V1Stream).Take(4).ToList();
        var file = Path.Combine(_folder, "long.jsonl");
        await File.WriteAllLinesAsync(file, [lines[0], lines[1], "{\"data\":\"" + new string('x', 20_000) + "\"}", lines[2], "\"" + new string('y', 40_000), lines[3]]);
        var source = new ReplaySource([file], new ReplayOptions { MaxLineBytes = 16 * 1024 });

        var posts = await source.ReadAsync().ToListAsync();

        Assert.Equal(lines, posts.Select(p => System.Text.Encoding.UTF8.GetString(p.Payload.Span)));
        Assert.Equal(2, source.Statistics.Quarantined);
        Assert.Equal([file + ":3", file + ":5"], source.Statistics.QuarantinedLines);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1234)]
    public async Task Random_bytes_give_a_capped_number_of_warnings_and_one_summary(int seed)
    {
        var file = Path.Combine(_folder, "noise.bin");
        var bytes = new byte[512 * 1024];
        new Random(seed).NextBytes(bytes);
        await File.WriteAllBytesAsync(file, bytes);
        var logger = new CountingLogger<ReplaySource>();
        var source = new ReplaySource([file], new ReplayOptions { MaxLineBytes = 1024, MaxLineWarnings = 5 }, logger: logger);

        var posts = await source.ReadAsync().ToListAsync();

        Assert.Empty(posts);
        Assert.True(source.Statistics.Malformed + source.Statistics.Quarantined > 100);
        Assert.Equal(5 + 1, logger.Warnings.Count);
        Assert.Contains("not logged one by one", logger.Warnings[^1], StringComparison.Ordinal);
    }
}
