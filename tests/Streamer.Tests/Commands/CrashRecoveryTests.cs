using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Posts;
using TrendingTv.DataLake.Storage;
using Xunit.Abstractions;

namespace TrendingTv.Streamer.Tests.Commands;

public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    internal const int Posts = 2500;
    private static readonly DateTimeOffset FirstHour = new(2026, 11, 27, 21, 0, 0, TimeSpan.Zero);
    private readonly string _folder = TestFiles.NewScratchFolder();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_acknowledged_post_reaches_the_lake_exactly_once_despite_20_SIGKILLs()
    {
        var input = Path.Combine(_folder, "posts.jsonl");
        WriteInput(input);
        var db = Path.Combine(_folder, "capture.db");
        var acks = Path.Combine(_folder, "acks.txt");
        var lake = Path.Combine(_folder, "lake");
        var random = new Random(20261129);
        string[] replay = ["--db", db, "--lake", lake, "replay", input, "--ack-file", acks, "--batch-size", "40", "--rate", "100"];

        var killedWithProgress = 0;
        for (var kill = 0; kill < 20; kill++)
        {
            using var child = StreamerProcess.Start(_folder, null, replay);
            var before = AckedIds(acks).Count;
            // Kill at a random moment once capture is under way (mid-batch, mid-commit, mid-ack), or
            // now and then during start-up.
            if (kill % 5 != 4)
            {
                await WaitForProgressAsync(child, acks, before);
            }

            await Task.Delay(random.Next(0, 250));
            child.Kill(entireProcessTree: true); // SIGKILL
            await child.WaitForExitAsync();
            killedWithProgress += AckedIds(acks).Count > before ? 1 : 0;
            output.WriteLine($"kill {kill}: exit {child.ExitCode}, acks {before} -> {AckedIds(acks).Count}");

            // Everything acknowledged so far is committed in the store.
            var stored = await StoredIdsAsync(db);
            Assert.Superset(AckedIds(acks).ToHashSet(), stored.ToHashSet());
        }

        var finish = await StreamerProcess.RunAsync(_folder, null, [.. replay.Where(a => a != "100" && a != "--rate")]);
        Assert.True(finish.ExitCode == 0, finish.Error);
        var upload = await StreamerProcess.RunAsync(_folder, null, "--db", db, "--lake", lake, "upload");
        Assert.True(upload.ExitCode == 0, upload.Error);
        output.WriteLine($"{killedWithProgress} of 20 kills happened after some progress; final run: {finish.Output}");

        var acked = AckedIds(acks).ToHashSet();
        var store = new LocalDirectoryStore(LakeUri.Local(lake));
        var rawIds = new List<long>();
        var canonicalIds = new List<long>();
        for (var hour = FirstHour; hour < FirstHour.AddHours(3); hour = hour.AddHours(1))
        {
            var raw = (await store.ReadTextAsync(LakeLayout.RawTweetHourKey(hour))).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => RawPostReader.Read(Encoding.UTF8.GetBytes(l)) is { IsPost: true } post ? post.Id : -1).ToList();
            var canonical = (await store.ReadTextAsync(LakeLayout.CanonicalTweetHourKey(hour))).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => CanonicalPostJson.Parse(Encoding.UTF8.GetBytes(l)).Id).ToList();
            Assert.Equal(raw, canonical); // raw and canonical agree, line for line
            rawIds.AddRange(raw);
            canonicalIds.AddRange(canonical);
        }

        Assert.Equal(rawIds.Count, rawIds.Distinct().Count()); // exactly once
        Assert.Equal(Enumerable.Range(1, Posts).Select(i => 1_000_000L + i), rawIds.Order()); // every post of the input
        Assert.Subset(rawIds.ToHashSet(), acked); // in particular every acknowledged one
        Assert.True(killedWithProgress >= 10, $"only {killedWithProgress} kills interrupted a capture in progress");
    }

    private static async Task WaitForProgressAsync(System.Diagnostics.Process child, string acks, int before)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!child.HasExited && AckedIds(acks).Count == before && !limit.IsCancellationRequested)
        {
            await Task.Delay(20); // polling the child's ack file, not timing anything
        }
    }

    internal static void WriteInput(string path)
    {
        var random = new Random(7);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (var i = 1; i <= Posts; i++)
        {
            var created = FirstHour.AddSeconds(i * 3.0 * 3600 / Posts - 1);
            var line = string.Create(CultureInfo.InvariantCulture, $$$"""{"data":{"id":"{{{1_000_000 + i}}}","created_at":"{{{created:yyyy-MM-ddTHH:mm:ss.fff}}}Z","text":"Post {{{i}}} about #TheCrown &amp; The Queen's Gambit","lang":"en","entities":{"hashtags":[{"start":13,"end":22,"tag":"TheCrown"}]}},"matching_rules":[{"id":"1","tag":"65494"}]}""");
            writer.WriteLine(line);
            if (random.Next(20) == 0)
            {
                writer.WriteLine(line); // the stream delivers duplicates
            }
        }
    }

    internal static List<long> AckedIds(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var text = File.ReadAllText(path);
        var complete = text[..(text.LastIndexOf('\n') + 1)]; // a line cut by the kill is not an acknowledgement
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l, CultureInfo.InvariantCulture))];
    }

    internal static async Task<List<long>> StoredIdsAsync(string db)
    {
        if (!File.Exists(db))
        {
            return [];
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM posts";
        var ids = new List<long>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            // No table yet: killed before the schema was created.
        }

        return ids;
    }
}
