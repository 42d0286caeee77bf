using System.Globalization;
using System.Net;
using System.Text.Json;
using DuckDB.NET.Data;
using Spectre.Console;
using TrendingTv.Cli.Commands;
using TrendingTv.Cli.Configuration;
using TrendingTv.Cli.Demo;
using TrendingTv.Dags.Hosting;
using TrendingTv.DataLake.Layout;
using TrendingTv.Synthetic.Week;
using Xunit.Abstractions;

namespace TrendingTv.Cli.Tests.Serve;

/// <summary>
/// serve on its default durable backend (a local Azurite under the state folder) and the local DuckDB engine,
/// killed with SIGKILL five times at random moments during a 14-run backfill, and started again each time.
/// </summary>
public sealed class ServeCrashTests(ITestOutputHelper output)
{
    private static readonly DateOnly From = new(2026, 3, 2);
    private static readonly DateOnly To = From.AddDays(6);

    /// <summary>Short visibility and polling, so that work a killed process held comes back quickly.</summary>
    private static readonly Dictionary<string, string> DurableSettings = new()
    {
        ["Durable__MessageVisibilityTimeout"] = "00:00:10",
        ["Durable__MaxQueuePollingInterval"] = "00:00:00.500",
    };

    [Fact]
    public async Task Five_kills_during_a_backfill_lose_nothing_and_submit_no_attempt_twice()
    {
        using var work = new TemporaryDirectory();
        var (reference, lake, state) = await PrepareAsync(work.Path);
        var settings = new Dictionary<string, string>(DurableSettings) { ["Serve__RunPollInterval"] = "00:00:01" };
        var random = SeededRandom();

        var serve = await ServeProcess.StartAsync(lake, state, settings);
        string backfillStatus;
        try
        {
            using (var started = await serve.SendWithKeyAsync(HttpMethod.Post, "/api/backfill", $$"""{"from": "{{Iso(From)}}", "to": "{{Iso(To)}}"}"""))
            {
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                backfillStatus = new Uri(JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("statusQueryGetUri").GetString()!).PathAndQuery;
            }

            for (var kill = 1; kill <= 5; kill++)
            {
                var after = TimeSpan.FromMilliseconds(random.Next(1_000, 8_000));
                await Task.Delay(after);
                await serve.KillAsync();
                output.WriteLine($"kill {kill} after {after.TotalSeconds:0.0} s; journal has {Journal(state).Count(e => e.Event == JournalEntry.SubmittedEvent)} submissions");
                await serve.DisposeAsync();
                serve = await ServeProcess.StartAsync(lake, state, settings);
            }

            var final = await WaitForCompletionAsync(serve, backfillStatus);
            Assert.True(final.GetProperty("runtimeStatus").GetString() == "Completed", final.ToString());
            for (var date = From; date <= To; date = date.AddDays(1))
            {
                foreach (var dataset in DatasetNames.All)
                {
                    var json = await RunStatusAsync(serve, $"/api/runs/{dataset.Name()}/{Iso(date)}");
                    Assert.True(json.GetProperty("runtimeStatus").GetString() == "Completed", json.ToString());
                }
            }
        }
        finally
        {
            output.WriteLine(serve.Output.Length > 4000 ? serve.Output[^4000..] : serve.Output);
            await serve.DisposeAsync();
        }

        AssertEachAttemptSubmittedOnce(Journal(state));
        await AssertPartitionsEqualAsync(reference, lake);
    }

    [Fact]
    public async Task A_durable_run_killed_twice_continues_when_run_again_and_submits_no_attempt_twice()
    {
        using var work = new TemporaryDirectory();
        var (reference, lake, state) = await PrepareAsync(work.Path);
        var settings = DurableSettings;
        string[] command = ["run", "--durable", "--lake", lake, "--state", state, "--from", Iso(From), "--to", Iso(To)];
        var random = SeededRandom();

        for (var kill = 1; kill <= 2; kill++)
        {
            using var run = CliProcess.Start(command, settings);
            var after = TimeSpan.FromMilliseconds(random.Next(2_000, 6_000));
            await Task.Delay(after);
            run.Signal(9); // SIGKILL: no clean-up of any kind
            await run.WaitForExitAsync();
            output.WriteLine($"kill {kill} after {after.TotalSeconds:0.0} s; journal has {Journal(state).Count(e => e.Event == JournalEntry.SubmittedEvent)} submissions");
        }

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(command, settings);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        AssertEachAttemptSubmittedOnce(Journal(state));
        await AssertPartitionsEqualAsync(reference, lake);
    }

    /// <summary>Under <paramref name="work"/>: the reference lake (every run done in one go), a lake with its inputs only, and a state folder.</summary>
    private static async Task<(string Reference, string Lake, string State)> PrepareAsync(string work)
    {
        var reference = Path.Combine(work, "reference");
        var lake = Path.Combine(work, "lake");
        var state = Path.Combine(work, "state");
        await BuildReferenceLakeAsync(reference, Path.Combine(work, "scratch"));
        CopyInputs(reference, lake);
        Directory.CreateDirectory(state);
        return (reference, lake, state);
    }

    /// <summary>The kill times' random source, its seed written to the output so that a failure can be replayed.</summary>
    private Random SeededRandom()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        return new Random(seed);
    }

    /// <summary>The demo's week (7 days, both datasets) with every run done in one go: the partitions to expect.</summary>
    private static async Task BuildReferenceLakeAsync(string lake, string scratch)
    {
        Directory.CreateDirectory(scratch);
        var week = new SyntheticWeekOptions { Seed = 5, Start = From, Days = 7, PostsPerDay = 200, Spikes = [(3, 4)] };
        using var host = await CliHost.StartAsync(new Dictionary<string, string?> { ["Lake:Root"] = lake }, withPipeline: true, DemoCommand.Defaults);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No });
        var result = await console.Progress().StartAsync(context => new DemoPipeline(host.Services, week, scratch, top: 5).RunAsync(context));
        Assert.All(result.Runs, r => Assert.True(r.Succeeded, r.FailureMessage));
    }

    /// <summary>Everything the DAGs read, nothing they write.</summary>
    private static void CopyInputs(string from, string to)
    {
        string[] outputs = [LakeLayout.TweetStatTable, LakeLayout.TmdbStatTable, LakeLayout.DimensionsRoot, LakeLayout.JobsRoot];
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (outputs.Any(o => relative.StartsWith(o + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static IReadOnlyList<JournalEntry> Journal(string state)
    {
        var path = Path.Combine(state, "local-jobs.jsonl");
        return File.Exists(path) ? LocalJobJournal.Read(path) : [];
    }

    private void AssertEachAttemptSubmittedOnce(IReadOnlyList<JournalEntry> journal)
    {
        var submitted = journal.Where(e => e.Event == JournalEntry.SubmittedEvent).ToList();
        output.WriteLine($"{submitted.Count} submissions for 14 runs: {string.Join(", ", submitted.Select(s => s.JobId))}");
        Assert.All(submitted.GroupBy(s => (s.RunId, s.Attempt)), g => Assert.Single(g));
        Assert.Equal(14, submitted.Select(s => s.RunId).Distinct().Count());
        foreach (var run in submitted.GroupBy(s => s.RunId))
        {
            Assert.Equal(Enumerable.Range(1, run.Count()), run.Select(s => s.Attempt!.Value).Order());
            var last = run.MaxBy(s => s.Attempt)!;
            var ended = journal.LastOrDefault(e => e.Event == JournalEntry.EndedEvent && e.JobId == last.JobId);
            Assert.True(ended?.State == Activities.Engines.EtlJobState.Succeeded, $"{last.JobId} did not end in success");
        }

        // A kill loses at most the jobs in flight (the backfill keeps at most 4 runs going).
        Assert.InRange(submitted.Count, 14, 14 + (5 * 4));
    }

    /// <summary>Every date's partition of both tables holds exactly the rows of the uninterrupted run.</summary>
    private static async Task AssertPartitionsEqualAsync(string reference, string lake)
    {
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        for (var date = From; date <= To; date = date.AddDays(1))
        {
            foreach (var table in new[] { LakeLayout.TweetStatTable, LakeLayout.TmdbStatTable })
            {
                var expected = Glob(reference, table, date);
                var actual = Glob(lake, table, date);
                await using var command = duck.CreateCommand();
                command.CommandText = $"""
                    SELECT (SELECT count(*) FROM read_parquet('{actual}')),
                           (SELECT count(*) FROM (SELECT * FROM read_parquet('{expected}') EXCEPT ALL SELECT * FROM read_parquet('{actual}'))),
                           (SELECT count(*) FROM (SELECT * FROM read_parquet('{actual}') EXCEPT ALL SELECT * FROM read_parquet('{expected}')))
                    """;
                await using var reader = await command.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                var (rows, missing, extra) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                Assert.True(rows > 0 && missing == 0 && extra == 0, $"{table} {Iso(date)}: {rows} rows, {missing} missing, {extra} unexpected");
            }
        }
    }

    private static string Glob(string lake, string table, DateOnly date) =>
        Path.Combine(lake, LakeLayout.PartitionPrefix(table, date).Replace('/', Path.DirectorySeparatorChar), "*.parquet").Replace("'", "''", StringComparison.Ordinal);

    private static async Task<JsonElement> WaitForCompletionAsync(ServeProcess serve, string statusPath)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (true)
        {
            using var response = await serve.SendWithKeyAsync(HttpMethod.Get, statusPath);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }

            await Task.Delay(500, guard.Token);
        }
    }

    /// <summary>
    /// A run's status. One hog run got a 500 with an empty body here: a run started twice by the kills had lost its
    /// name in the instance row, and the sidecar could not send its state (fixed: see RunStatusTriggerTests). A few
    /// answers other than 200 are written to the output and asked again, so that a lasting problem still fails with
    /// its status code and body.
    /// </summary>
    private async Task<JsonElement> RunStatusAsync(ServeProcess serve, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await serve.SendWithKeyAsync(HttpMethod.Get, path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(body).RootElement.Clone();
            }

            output.WriteLine($"GET {path}: {(int)response.StatusCode} {response.StatusCode}, body '{body}' (attempt {attempt})");
            Assert.True(attempt < 5, $"GET {path} answered {(int)response.StatusCode} {response.StatusCode}: '{body}'");
            await Task.Delay(1_000);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
