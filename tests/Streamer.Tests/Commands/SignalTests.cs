using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TrendingTv.Fixtures.X;

namespace TrendingTv.Streamer.Tests.Commands;

/// <summary>Ctrl-C (SIGINT) and SIGTERM sent to the real executable: it commits what it read and exits 130 / 143.</summary>
public sealed class SignalTests : IDisposable
{
    private readonly string _folder = TestFiles.NewScratchFolder();

    private string Db => Path.Combine(_folder, "capture.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_replay_stopped_by_a_signal_commits_what_it_read_and_exits_with_the_signals_code(string signal, int exitCode)
    {
        var input = Path.Combine(_folder, "posts.jsonl");
        CrashRecoveryTests.WriteInput(input);
        var acks = Path.Combine(_folder, "acks.txt");
        using var child = StreamerProcess.Start(_folder, null, "--db", Db, "replay", input, "--ack-file", acks, "--batch-size", "40", "--rate", "100");
        await WaitUntilAsync(child, () => CrashRecoveryTests.AckedIds(acks).Count > 0);

        StreamerProcess.Signal(child, signal);
        await ExitAsync(child);

        Assert.Equal(exitCode, child.ExitCode);
        var stored = await CrashRecoveryTests.StoredIdsAsync(Db);
        Assert.InRange(stored.Count, 1, CrashRecoveryTests.Posts - 1);
        Assert.Equal(CrashRecoveryTests.AckedIds(acks).Distinct().Order(), stored.Order()); // everything read was committed and acknowledged
    }

    [Fact]
    public async Task A_capture_stopped_by_SIGTERM_commits_the_posts_it_read_and_exits_143()
    {
        await using var x = await FakeXServer.StartAsync();
        // Five posts, then a notice: the streamer logs the notice once it has read (and handed on) the five posts.
        x.Enqueue(FakeXConnection.Accept([.. Enumerable.Range(1, 5).Select(i => FakeXStreamStep.Message(V2Post(i))), FakeXStreamStep.Message(Notice), FakeXStreamStep.Stall]));
        var environment = new Dictionary<string, string>
        {
            ["X__BaseUrl"] = x.BaseAddress.ToString(),
            ["X__BearerToken"] = x.BearerToken,
            ["Capture__BatchMaxDelay"] = "00:01:00", // nothing commits before the signal
        };
        using var child = StreamerProcess.Start(_folder, environment, "--db", Db, "capture", "--no-rules-sync");
        var readTheNotice = new TaskCompletionSource();
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("without a post", StringComparison.Ordinal) == true)
            {
                readTheNotice.TrySetResult();
            }
        };
        child.BeginErrorReadLine();
        var output = child.StandardOutput.ReadToEndAsync();
        await readTheNotice.Task.WaitAsync(TimeSpan.FromMinutes(1)); // a safety net, not timing

        StreamerProcess.Signal(child, "TERM");
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(143, child.ExitCode);
        Assert.Equal([1L, 2, 3, 4, 5], (await CrashRecoveryTests.StoredIdsAsync(Db)).Order());
        Assert.Contains("Committed 5 new posts", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_stopped_by_SIGINT_exits_130_and_leaves_no_partial_hour_in_the_ledger()
    {
        await StreamerProcess.RunAsync(_folder, null, "--db", Db, "replay", TestFiles.V1Stream, TestFiles.V2Stream);
        var lake = Path.Combine(_folder, "lake");
        // A lake that refuses writes keeps the upload busy retrying (2 s, 4 s, ...) until the signal.
        Directory.CreateDirectory(lake);
        File.WriteAllText(Path.Combine(lake, "tweet_raw"), "a file where a folder must go");
        using var child = StreamerProcess.Start(_folder, null, "--db", Db, "--lake", lake, "upload");
        await WaitUntilAsync(child, () => Directory.Exists(Db + ".upload-staging") && Directory.EnumerateDirectories(Db + ".upload-staging").Any());

        StreamerProcess.Signal(child, "INT");
        await ExitAsync(child);

        Assert.Equal(130, child.ExitCode);
        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM uploads";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private const string Notice = """{"errors":[{"title":"operational-disconnect","detail":"a notice, not a post"}]}""";

    internal static string V2Post(long id) =>
        $$$"""{"data":{"id":"{{{id}}}","created_at":"2026-11-28T09:59:58.000Z","text":"Watching #TheCrown","lang":"en"},"matching_rules":[{"id":"1","tag":"65494"}]}""";

    /// <summary>Polls the child's progress (not timing it); fails if the child exits first or nothing happens for a minute.</summary>
    internal static async Task WaitUntilAsync(Process child, Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // a safety net, not timing
        while (!condition())
        {
            if (child.HasExited)
            {
                Assert.Fail($"the streamer exited early ({child.ExitCode}): {await child.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(20, limit.Token);
        }
    }

    internal static async Task ExitAsync(Process child)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // a safety net, not timing
        var error = child.StandardError.ReadToEndAsync(limit.Token);
        var output = child.StandardOutput.ReadToEndAsync(limit.Token);
        await child.WaitForExitAsync(limit.Token);
        await Task.WhenAll(error, output);
    }
}
