using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Tmdb;
using TrendingTv.Tmdb.Client;
using TrendingTv.Tmdb.Selection;
using Xunit.Abstractions;

namespace TrendingTv.Tmdb.Tests;

public sealed class TmdbSnapshotterTests(ITestOutputHelper output)
{
    private static readonly DateOnly Date = new(2026, 11, 28);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 23, 59, 58, TimeSpan.Zero);
    private const string Stamp = "\"query_datetime\":\"2026-11-28 23:59:58\"";

    [Fact]
    public async Task Snapshot_of_the_160_show_catalogue_completes_at_the_configured_rate()
    {
        const double rate = 40;
        const int burst = 1;
        const int concurrency = 8;
        var catalogue = ShowCatalogue.LoadDefault();
        await using var server = await FakeTmdbServer.StartAsync();
        server.SetShows(catalogue.Shows.Select(s => (s.Id, s.Name)));
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?>
        {
            ["Tmdb:RequestsPerSecond"] = "40",
            ["Tmdb:Burst"] = "1",
            ["Tmdb:MaxConcurrency"] = "8",
        });

        // The lake has no catalogue yet: the shipped one is used.
        var summary = await host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date);

        Assert.Equal((160, 160, 0), (summary.Requested, summary.Succeeded, summary.Failed.Count));
        Assert.False(summary.ExceedsFailureThreshold);
        Assert.Equal("tmdb_raw/2026/11/28/2026-11-28.json", summary.KeyWritten);
        var lines = SplitLines(await host.Store.ReadBytesAsync(summary.KeyWritten!));
        Assert.Equal(160, lines.Count);
        foreach (var (show, line) in catalogue.Shows.Zip(lines))
        {
            Assert.Equal(Expected(server.BodyOf(FakeTmdbServer.ShowPath(show.Id))!), line);
        }

        // Timing from the server's own request log; bounds generous enough never to flake: in any
        // second at most rate + burst tokens are granted, and at most `concurrency` granted earlier
        // can arrive late; and 160 requests cannot arrive faster than the rate allows.
        var arrivals = server.Requests.Select(r => r.ReceivedAt).Order().ToArray();
        Assert.Equal(160, arrivals.Length);
        var busiestSecond = arrivals.Select((start, i) => arrivals.Skip(i).TakeWhile(t => t - start < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.True(busiestSecond <= rate + burst + concurrency + 4, $"{busiestSecond} requests arrived within one second at {rate}/s");
        var span = arrivals[^1] - arrivals[0];
        output.WriteLine($"160 requests over {span.TotalSeconds:F2} s; at most {busiestSecond} in any one second (configured {rate}/s, burst {burst}).");
        Assert.True(span >= TimeSpan.FromSeconds((160 - burst - concurrency - 2) / rate), $"160 requests arrived within {span} at {rate}/s");
    }

    [Fact]
    public async Task Snapshot_survives_every_fault_with_its_documented_outcome()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        var catalogue = CatalogueServedBy(server, [(101, "Rate Limited"), (102, "Server Error"), (103, "Slow Answer"), (104, "Malformed"), (105, "Gone From Tmdb"), (106, "Healthy")]);
        server.EnqueueFault(FakeTmdbServer.ShowPath(101), FakeTmdbFault.TooManyRequests(retryAfterSeconds: 1));
        server.EnqueueFault(FakeTmdbServer.ShowPath(102), FakeTmdbFault.ServerError());
        server.EnqueueFault(FakeTmdbServer.ShowPath(103), FakeTmdbFault.Hang(TimeSpan.FromSeconds(20), server.BodyOf(FakeTmdbServer.ShowPath(103))!));
        server.SetPersistentFault(FakeTmdbServer.ShowPath(104), FakeTmdbFault.MalformedJson(104));
        server.RemoveShow(105);
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxFailureShare"] = "0.34", ["Tmdb:AttemptTimeout"] = "00:00:02" });
        await host.Store.PutTextAsync(LakeLayout.CatalogueKey, catalogue.ToCsv());

        var summary = await host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date);

        // 429, 500 and the timeout are retried and succeed; malformed JSON and 404 are reported.
        Assert.Equal((6, 4), (summary.Requested, summary.Succeeded));
        Assert.Equal(
            [(104L, TmdbFailureKind.MalformedResponse), (105L, TmdbFailureKind.NotFound)],
            summary.Failed.Select(f => (f.Id, f.Kind)));
        Assert.Contains("not valid JSON", summary.Failed[0].Reason, StringComparison.Ordinal);
        Assert.Contains("404", summary.Failed[1].Reason, StringComparison.Ordinal);
        Assert.False(summary.ExceedsFailureThreshold);
        var lines = SplitLines(await host.Store.ReadBytesAsync(summary.KeyWritten!));
        Assert.Equal(
            new long[] { 101, 102, 103, 106 }.Select(id => Expected(server.BodyOf(FakeTmdbServer.ShowPath(id))!)),
            lines);
        // (First and last only: on a loaded machine an attempt may also time out and be retried.)
        Assert.Equal((429, 200), FirstAndLastStatus(server, "/3/tv/101"));
        Assert.Equal((500, 200), FirstAndLastStatus(server, "/3/tv/102"));
        Assert.Equal("hang (client gave up)", server.RequestsTo("/3/tv/103")[0].Fault);
        Assert.Equal(200, server.RequestsTo("/3/tv/103")[^1].StatusCode);
        Assert.Equal(["malformed"], server.RequestsTo("/3/tv/104").Select(r => r.Fault));
        Assert.Equal([404], server.RequestsTo("/3/tv/105").Select(r => r.StatusCode));
        var description = summary.Describe();
        Assert.Contains("4 of 6 shows succeeded", description, StringComparison.Ordinal);
        Assert.Contains("failed 105 (Gone From Tmdb)", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_over_the_failure_threshold_uploads_nothing_and_keeps_the_previous_file()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        var catalogue = CatalogueServedBy(server, [(201, "One"), (202, "Two"), (203, "Three")]);
        server.RemoveShow(202);
        server.RemoveShow(203);
        await using var host = TmdbTestHost.Create(server);
        var key = LakeLayout.RawTmdbDayKey(Date);
        await host.Store.PutTextAsync(key, "{\"id\":201,\"query_datetime\":\"2026-11-28 06:00:00\"}\n");

        var summary = await host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, catalogue);

        Assert.True(summary.ExceedsFailureThreshold);
        Assert.Null(summary.KeyWritten);
        Assert.Equal((1, 2), (summary.Succeeded, summary.Failed.Count));
        Assert.Equal("{\"id\":201,\"query_datetime\":\"2026-11-28 06:00:00\"}\n", await host.Store.ReadTextAsync(key));
    }

    [Fact]
    public async Task Snapshot_with_no_success_never_writes_an_empty_file()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxFailureShare"] = "1" });
        var catalogue = new ShowCatalogue([new Show(301, "Nowhere", "#Nowhere"), new Show(302, "Nobody", "#Nobody")]);

        var summary = await host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, catalogue);

        Assert.True(summary.ExceedsFailureThreshold);
        Assert.Null(summary.KeyWritten);
        Assert.False(await host.Store.AnyUnderAsync(LakeLayout.RawTmdbDayPrefix(Date)));
    }

    [Fact]
    public async Task Pretty_printed_response_is_stored_on_one_line_with_the_same_content()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        server.SetShow(1396, TmdbPayloads.TvSeries1396AsRecorded);
        await using var host = TmdbTestHost.Create(server);

        var summary = await host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, new ShowCatalogue([new Show(1396, "Breaking Bad", "#BreakingBad")]));

        var text = await host.Store.ReadTextAsync(summary.KeyWritten!);
        Assert.Equal(1, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var expected = JsonNode.Parse(TmdbPayloads.TvSeries1396AsRecorded)!.AsObject();
        expected["query_datetime"] = "2026-11-28 23:59:58";
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(text)), text);
        // String contents (spaces, escaped quotes, curly apostrophes) are untouched.
        Assert.Contains("Street-savvy former student Jesse Pinkman \\\"teaches\\\" Walter a new trade.", text, StringComparison.Ordinal);
        Assert.Contains("Walt’s money", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_holds_the_fields_the_dimensions_are_built_from()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        server.SetShow(1396, TmdbPayloads.TvSeries1396);
        await using var host = TmdbTestHost.Create(server);

        var summary = await host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, new ShowCatalogue([new Show(1396, "Breaking Bad", "#BreakingBad")]));

        var row = JsonNode.Parse(await host.Store.ReadTextAsync(summary.KeyWritten!))!;
        Assert.Equal("Breaking Bad", (string?)row["original_name"]);
        Assert.Equal("en", (string?)row["original_language"]);
        Assert.Equal("Crime", (string?)row["genres"]![1]!["name"]);
        Assert.Equal("US", (string?)row["networks"]![0]!["origin_country"]);
        Assert.Equal(5, (int?)row["number_of_seasons"]);
        Assert.Equal("2026-11-28 23:59:58", (string?)row["query_datetime"]);
    }

    private static ShowCatalogue CatalogueServedBy(FakeTmdbServer server, (long Id, string Name)[] shows)
    {
        server.SetShows(shows);
        return new ShowCatalogue(shows.Select(s => new Show(s.Id, s.Name, TmdbHashtag.FromName(s.Name))));
    }

    private static (int First, int Last) FirstAndLastStatus(FakeTmdbServer server, string path)
    {
        var requests = server.RequestsTo(path);
        return (requests[0].StatusCode, requests[^1].StatusCode);
    }

    private static byte[] Expected(byte[] body) =>
        [.. body.AsSpan(0, body.Length - 1), .. Encoding.UTF8.GetBytes("," + Stamp + "}")];

    private static List<byte[]> SplitLines(byte[] file)
    {
        Assert.Equal((byte)'\n', file[^1]);
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < file.Length; i++)
        {
            if (file[i] == (byte)'\n')
            {
                lines.Add(file[start..i]);
                start = i + 1;
            }
        }

        return lines;
    }
}
