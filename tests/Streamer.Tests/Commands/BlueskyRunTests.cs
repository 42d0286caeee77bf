using System.Text;
using Microsoft.Data.Sqlite;
using TrendingTv.Streamer.Tests.Bluesky;
using TrendingTv.Synthetic.Bluesky;

namespace TrendingTv.Streamer.Tests.Commands;

public sealed class BlueskyRunTests : IAsyncLifetime
{
    private readonly string _folder = TestFiles.NewScratchFolder();
    private JetstreamStandIn _standIn = null!;

    public async Task InitializeAsync()
    {
        var start = (DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds() - 1) * 1000;
        string[] events = [JetstreamEvents.Post("3run000000001", start, "Watching The Mandalorian"), JetstreamEvents.Post("3run000000002", start + 1000, "Lunch")];
        _standIn = await JetstreamStandIn.StartAsync(() => events.Select(e => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(e)));
    }

    public async Task DisposeAsync()
    {
        await _standIn.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_with_only_Bluesky_enabled_needs_no_credentials_and_captures_until_stopped()
    {
        var db = Path.Combine(_folder, "capture.db");
        var environment = new Dictionary<string, string>
        {
            ["Schedules__CaptureEnabled"] = "false",
            ["Schedules__BlueskyEnabled"] = "true",
            ["Schedules__TmdbEnabled"] = "false",
            ["Bluesky__Instances__0"] = _standIn.SubscribeUri.AbsoluteUri,
            ["Capture__BatchMaxDelay"] = "00:00:00.050",
        };
        using var child = StreamerProcess.Start(_folder, environment, "--db", db, "--lake", Path.Combine(_folder, "lake"), "run");

        await SignalTests.WaitUntilAsync(child, () => CrashRecoveryTests.StoredIdsAsync(db).GetAwaiter().GetResult().Count == 1);
        StreamerProcess.Signal(child, "TERM");
        await SignalTests.ExitAsync(child);

        Assert.Equal(143, child.ExitCode);
        Assert.Equal([JetstreamEvents.IdOf("3run000000001")], await CrashRecoveryTests.StoredIdsAsync(db));
    }

    [Fact]
    public async Task Run_with_X_enabled_and_no_token_is_a_configuration_error()
    {
        var (exitCode, _, error) = await StreamerProcess.RunAsync(
            _folder,
            new Dictionary<string, string> { ["Schedules__BlueskyEnabled"] = "true", ["Schedules__TmdbEnabled"] = "false" },
            "--db", Path.Combine(_folder, "capture.db"), "run");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error:", error.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Contains("X__BearerToken", error, StringComparison.Ordinal);
    }
}
