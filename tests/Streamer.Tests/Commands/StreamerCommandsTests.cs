using Microsoft.Data.Sqlite;
using TrendingTv.Fixtures.X;
using TrendingTv.Streamer.Upload;

namespace TrendingTv.Streamer.Tests.Commands;

public sealed class StreamerCommandsTests : IDisposable
{
    private readonly string _folder = TestFiles.NewScratchFolder();

    private string Db => Path.Combine(_folder, "capture.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_missing_bearer_token_fails_at_start_naming_the_setting()
    {
        var result = await StreamerProcess.RunAsync(_folder, new Dictionary<string, string> { ["X__BearerToken"] = "" }, "--db", Db, "rules", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("X__BearerToken", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_then_upload_lands_the_hours_in_the_lake()
    {
        var lake = Path.Combine(_folder, "lake");

        var result = await StreamerProcess.RunAsync(_folder, null, "--db", Db, "--lake", lake, "replay", TestFiles.V2Stream, TestFiles.V1Stream, "--upload");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("2 hours uploaded", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(lake, "tweet_raw", "2021", "04", "01", "15", "2021-04-01-15.json")));
        Assert.True(File.Exists(Path.Combine(lake, "tweets", "2018", "03", "10", "14", "2018-03-10-14.jsonl")));
    }

    [Theory]
    [InlineData("upload", "Upload__Retention", "abc", "Upload:Retention")]
    [InlineData("upload", "Upload__Retention", "-1.00:00:00", "Upload:Retention")]
    [InlineData("upload", "Upload__ClosedHourGrace", "-00:05:00", "Upload:ClosedHourGrace")]
    [InlineData("upload", "Upload__RetryAttempts", "many", "Upload:RetryAttempts")]
    [InlineData("upload", "Upload__LockWait", "10.00:00:00", "Upload:LockWait")]
    [InlineData("upload", "Capture__BatchSize", "0", "Capture:BatchSize")]
    [InlineData("upload", "Capture__BatchMaxDelay", "00:00:00", "Capture:BatchMaxDelay")]
    [InlineData("status", "Capture__HourlyCap", "-5", "Capture:HourlyCap")]
    [InlineData("capture", "X__StallTimeout", "00:00:05", "X:StallTimeout")]
    [InlineData("run", "Metrics__Port", "70000", "Metrics:Port")]
    [InlineData("run", "Schedules__CaptureEnabled", "perhaps", "Schedules:CaptureEnabled")]
    public async Task A_bad_setting_is_one_configuration_error_line_naming_it_with_exit_code_2(string command, string variable, string value, string setting)
    {
        var environment = new Dictionary<string, string> { [variable] = value, ["X__BearerToken"] = "t", ["Schedules__TmdbEnabled"] = "false" };

        var result = await StreamerProcess.RunAsync(_folder, environment, "--db", Db, command);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "--rate", "abc")]
    [InlineData("replay", "--rate", "-3")]
    [InlineData("capture", "--duration", "-00:01:00")]
    [InlineData("status", "--hours", "-1")]
    public async Task A_bad_option_is_a_usage_error_with_exit_code_2(string command, string option, string value)
    {
        string[] args = command == "replay" ? ["--db", Db, command, option, value, TestFiles.V1Stream] : ["--db", Db, command, option, value];

        var result = await StreamerProcess.RunAsync(_folder, null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "Replay file '{path}' does not exist.")]
    [InlineData("status", "There is no capture store at '{path}'.")]
    public async Task A_missing_input_is_one_line_naming_it_without_a_stack_trace(string command, string message)
    {
        var missing = Path.Combine(_folder, "no-such-file");
        string[] args = command == "replay" ? ["--db", Db, "replay", missing] : ["--db", missing, "status"];

        var result = await StreamerProcess.RunAsync(_folder, null, args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(message.Replace("{path}", missing, StringComparison.Ordinal), Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim());
    }

    [Fact]
    public async Task A_refused_token_stops_capture_with_one_line_and_status_shows_the_hour_with_its_gap()
    {
        await using var x = await FakeXServer.StartAsync();
        var environment = new Dictionary<string, string> { ["X__BaseUrl"] = x.BaseAddress.ToString(), ["X__BearerToken"] = "wrong-secret-token" };

        var capture = await StreamerProcess.RunAsync(_folder, environment, "--db", Db, "capture", "--no-rules-sync");
        var status = await StreamerProcess.RunAsync(_folder, null, "--db", Db, "status");
        var upload = await StreamerProcess.RunAsync(_folder, new Dictionary<string, string> { ["Upload__ClosedHourGrace"] = "-01:00:00" }, "--db", Db, "upload");

        Assert.True(capture.ExitCode == 1, capture.Output + capture.Error);
        Assert.Contains("X refused the stream connection (HTTP 401", capture.Error, StringComparison.Ordinal);
        Assert.Contains("X__BearerToken", capture.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-token", capture.Error + capture.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", capture.Error, StringComparison.Ordinal);
        Assert.Equal(1, x.Unauthorized); // not retried
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("gap ", status.Output, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", status.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(HourStates.Empty, status.Output, StringComparison.Ordinal);
        Assert.Equal(2, upload.ExitCode); // a negative grace is refused, so nothing could ledger the hour early
    }

    [Fact]
    public async Task A_capture_that_never_connects_fails_and_leaves_its_outage_as_a_gap_not_an_empty_hour()
    {
        var closed = await FakeXServer.StartAsync();
        var baseUrl = closed.BaseAddress.ToString();
        await closed.DisposeAsync(); // nothing listens there now
        var environment = new Dictionary<string, string> { ["X__BaseUrl"] = baseUrl, ["X__BearerToken"] = "t" };

        var capture = await StreamerProcess.RunAsync(_folder, environment, "--db", Db, "capture", "--no-rules-sync", "--duration", "00:00:03");
        var status = await StreamerProcess.RunAsync(_folder, null, "--db", Db, "status");
        var upload = await StreamerProcess.RunAsync(_folder, null, "--db", Db, "--lake", Path.Combine(_folder, "lake"), "upload");

        Assert.Equal(1, capture.ExitCode);
        Assert.Contains("never connected", capture.Error, StringComparison.Ordinal);
        Assert.Contains("gap ", status.Output, StringComparison.Ordinal); // from the start of capture to its stop
        Assert.DoesNotContain(HourStates.Empty, status.Output, StringComparison.Ordinal);
        Assert.True(upload.ExitCode == 0, upload.Error);
        Assert.Contains("0 empty hours recorded", upload.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_upload_of_a_store_refuses_with_a_clear_message_while_the_first_holds_the_lock()
    {
        await StreamerProcess.RunAsync(_folder, null, "--db", Db, "replay", TestFiles.V1Stream);
        using var first = new FileStream(UploadLock.PathOf(Db), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var second = await StreamerProcess.RunAsync(_folder, new Dictionary<string, string> { ["Upload__LockWait"] = "00:00:00" }, "--db", Db, "--lake", Path.Combine(_folder, "lake"), "upload");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Another upload of the store", second.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "lake", "tweet_raw")));
    }

    [Fact]
    public async Task Status_reads_the_store_without_writing_to_it()
    {
        await StreamerProcess.RunAsync(_folder, null, "--db", Db, "replay", TestFiles.V1Stream);
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(Db);
        var stamp = File.GetLastWriteTimeUtc(Db);

        var status = await StreamerProcess.RunAsync(_folder, null, "--db", Db, "status", "--hours", "0");

        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("x       2018-03-10 14:00", status.Output, StringComparison.Ordinal);
        Assert.Contains(HourStates.Waiting, status.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Db));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Db));
        Assert.False(Directory.Exists(Db + ".upload-staging"));
    }
}
