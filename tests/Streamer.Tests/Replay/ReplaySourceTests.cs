using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Replay;

namespace TrendingTv.Streamer.Tests.Replay;

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
        await using var store = await CaptureStore.OpenAsync(db);
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
        var advanced = TimeSpan.Zero;
        while (!second.IsCompleted && advanced < TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
            advanced += TimeSpan.FromMilliseconds(5);
            await Task.Yield();
        }

        Assert.True(await second);
        Assert.InRange(advanced, TimeSpan.FromMilliseconds(95), TimeSpan.FromMilliseconds(200));
    }
}
