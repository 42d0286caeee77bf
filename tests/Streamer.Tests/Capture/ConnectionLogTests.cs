using Microsoft.Data.Sqlite;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Tests.Capture;

public sealed class ConnectionLogTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = TestFiles.NewScratchFolder();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_open_gap_follows_the_heartbeat_so_a_crash_mid_outage_still_leaves_it()
    {
        var log = ConnectionLog.Open(CaptureDatabase.Open(Path.Combine(_folder, "capture.db")));
        var session = await log.StartSessionAsync(PostSources.X, Hour);
        await log.OpenGapAsync(session, PostSources.X, Hour.AddMinutes(5), "connect failed: refused", Hour.AddMinutes(5));

        await log.TouchSessionAsync(session, Hour.AddMinutes(40)); // then the process dies

        var gap = Assert.Single(await log.ReadGapsAsync());
        Assert.Equal(new SourceGap(PostSources.X, Hour.AddMinutes(5), Hour.AddMinutes(40), "connect failed: refused", Open: true), gap);
        Assert.Equal(Hour.AddMinutes(40), Assert.Single(await log.ReadSessionsAsync()).LastSeen);
    }

    [Fact]
    public async Task A_closed_gap_keeps_its_end()
    {
        var log = ConnectionLog.Open(CaptureDatabase.Open(Path.Combine(_folder, "capture.db")));
        var session = await log.StartSessionAsync(PostSources.X, Hour);
        var gap = await log.OpenGapAsync(session, PostSources.X, Hour, "HTTP 503", Hour);

        await log.CloseGapAsync(gap, Hour.AddSeconds(5));
        await log.TouchSessionAsync(session, Hour.AddMinutes(30));

        Assert.Equal(new SourceGap(PostSources.X, Hour, Hour.AddSeconds(5), "HTTP 503"), Assert.Single(await log.ReadGapsAsync()));
    }
}
