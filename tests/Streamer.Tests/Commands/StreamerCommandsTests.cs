namespace TrendingTv.Streamer.Tests.Commands;

public sealed class StreamerCommandsTests : IDisposable
{
    private readonly string _folder = TestFiles.NewScratchFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_missing_bearer_token_fails_at_start_naming_the_setting()
    {
        var result = await StreamerProcess.RunAsync(
            _folder,
            new Dictionary<string, string> { ["X__BearerToken"] = "" },
            "--db", Path.Combine(_folder, "capture.db"), "rules", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("X__BearerToken", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_then_upload_lands_the_hours_in_the_lake()
    {
        var lake = Path.Combine(_folder, "lake");

        var result = await StreamerProcess.RunAsync(
            _folder,
            null,
            "--db", Path.Combine(_folder, "capture.db"), "--lake", lake, "replay", TestFiles.V2Stream, TestFiles.V1Stream, "--upload");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("2 hours uploaded", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(lake, "tweet_raw", "2021", "04", "01", "15", "2021-04-01-15.json")));
        Assert.True(File.Exists(Path.Combine(lake, "tweets", "2018", "03", "10", "14", "2018-03-10-14.jsonl")));
    }
}
