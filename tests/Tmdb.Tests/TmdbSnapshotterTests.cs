using System.Globalization;
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
        server.EnqueueFault(FakeTmdbServer.ShowPath(103), FakeTmdbFault.Hang(TimeSpan.FromMinutes(10), server.BodyOf(FakeTmdbServer.ShowPath(103))!));
        server.SetPersistentFault(FakeTmdbServer.ShowPath(104), FakeTmdbFault.MalformedJson(104));
        server.RemoveShow(105);
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxFailureShare"] = "0.34", ["Tmdb:AttemptTimeout"] = "00:00:02" });
        await host.Store.PutTextAsync(LakeLayout.CatalogueKey, catalogue.ToCsv());

        var summary = await host.DriveAsync(host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date));

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
        await TmdbTestHost.WaitUntilAsync(() => server.RequestsTo("/3/tv/103").Count == 2);
        Assert.Equal([429, 200], server.RequestsTo("/3/tv/101").Select(r => r.StatusCode));
        Assert.Equal([500, 200], server.RequestsTo("/3/tv/102").Select(r => r.StatusCode));
        Assert.Equal([("hang (client gave up)", 0), (null, 200)], server.RequestsTo("/3/tv/103").Select(r => (r.Fault, r.StatusCode)));
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
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxConcurrency"] = "1" });
        var key = LakeLayout.RawTmdbDayKey(Date);
        await host.Store.PutTextAsync(key, "{\"id\":201,\"query_datetime\":\"2026-11-28 06:00:00\"}\n");

        var summary = await host.DriveAsync(host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, catalogue));

        // One show of three is more than the 10% allowed: the third is never asked for.
        Assert.True(summary.ExceedsFailureThreshold);
        Assert.Null(summary.KeyWritten);
        Assert.Equal((1, 1, 1, true), (summary.Succeeded, summary.Failed.Count, summary.NotTaken, summary.StoppedEarly));
        Assert.Empty(server.RequestsTo("/3/tv/203"));
        Assert.Equal("{\"id\":201,\"query_datetime\":\"2026-11-28 06:00:00\"}\n", await host.Store.ReadTextAsync(key));
    }

    [Fact]
    public async Task Snapshot_with_no_success_never_writes_an_empty_file()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxFailureShare"] = "1" });
        var catalogue = new ShowCatalogue([new Show(301, "Nowhere", "#Nowhere"), new Show(302, "Nobody", "#Nobody")]);

        var summary = await host.DriveAsync(host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, catalogue));

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

        var summary = await host.DriveAsync(host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, new ShowCatalogue([new Show(1396, "Breaking Bad", "#BreakingBad")])));

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

        var summary = await host.DriveAsync(host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, new ShowCatalogue([new Show(1396, "Breaking Bad", "#BreakingBad")])));

        var row = JsonNode.Parse(await host.Store.ReadTextAsync(summary.KeyWritten!))!;
        Assert.Equal("Breaking Bad", (string?)row["original_name"]);
        Assert.Equal("en", (string?)row["original_language"]);
        Assert.Equal("Crime", (string?)row["genres"]![1]!["name"]);
        Assert.Equal("US", (string?)row["networks"]![0]!["origin_country"]);
        Assert.Equal(5, (int?)row["number_of_seasons"]);
        Assert.Equal("2026-11-28 23:59:58", (string?)row["query_datetime"]);
    }

    [Theory]
    [InlineData(0.1, 2)]
    [InlineData(0.0, 1)]
    [InlineData(0.25, 4)]
    public async Task Snapshot_stops_as_soon_as_more_shows_failed_than_the_share_allows(double maxFailureShare, int concurrency)
    {
        await using var server = await FakeTmdbServer.StartAsync();
        var shows = Enumerable.Range(1, 40).Select(i => ((long)(700 + i), $"Show {i}")).ToArray();
        var catalogue = CatalogueServedBy(server, shows);
        foreach (var (id, _) in shows)
        {
            server.SetPersistentFault(FakeTmdbServer.ShowPath(id), FakeTmdbFault.ServerError());
        }

        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?>
        {
            ["Tmdb:MaxFailureShare"] = maxFailureShare.ToString(CultureInfo.InvariantCulture),
            ["Tmdb:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["Tmdb:MaxRetryAttempts"] = "2",
            ["Tmdb:CircuitBreakerMinimumThroughput"] = "10000", // the share alone stops this run
        });
        var key = LakeLayout.RawTmdbDayKey(Date);
        await host.Store.PutTextAsync(key, "{\"id\":701,\"query_datetime\":\"2026-11-28 06:00:00\"}\n");

        var summary = await host.DriveAsync(host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, catalogue));

        // Allowed: floor(share x 40) failures. The one over it stops the run; calls then in flight are cancelled.
        var allowed = (int)Math.Floor(maxFailureShare * 40);
        Assert.True(summary.StoppedEarly);
        Assert.True(summary.ExceedsFailureThreshold);
        Assert.Null(summary.KeyWritten);
        Assert.InRange(summary.Failed.Count, allowed + 1, allowed + concurrency);
        Assert.Equal(0, summary.Succeeded);
        Assert.Equal(40 - summary.Failed.Count, summary.NotTaken);
        Assert.All(summary.Failed, f => Assert.Equal(TmdbFailureKind.HttpError, f.Kind));
        var asked = server.Requests.Select(r => r.Path).Distinct().Count();
        Assert.InRange(asked, summary.Failed.Count, allowed + concurrency + concurrency);
        Assert.Contains($"stopped early because more than {allowed} shows failed", summary.Headline(), StringComparison.Ordinal);
        Assert.Equal("{\"id\":701,\"query_datetime\":\"2026-11-28 06:00:00\"}\n", await host.Store.ReadTextAsync(key));
    }

    [Fact]
    public async Task Open_circuit_fails_the_remaining_shows_at_once_without_sending_them()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        var shows = Enumerable.Range(1, 30).Select(i => ((long)(800 + i), $"Show {i}")).ToArray();
        var catalogue = CatalogueServedBy(server, shows);
        foreach (var (id, _) in shows)
        {
            server.SetPersistentFault(FakeTmdbServer.ShowPath(id), FakeTmdbFault.ServerError());
        }

        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?>
        {
            ["Tmdb:MaxFailureShare"] = "1",
            ["Tmdb:MaxConcurrency"] = "1",
            ["Tmdb:MaxRetryAttempts"] = "3",
            ["Tmdb:CircuitBreakerMinimumThroughput"] = "4",
            ["Tmdb:CircuitBreakerFailureRatio"] = "0.5",
            ["Tmdb:CircuitBreakerBreakDuration"] = "01:00:00",
        });

        var summary = await host.DriveAsync(host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, catalogue));

        // The first show's four attempts open the breaker; the other 29 are refused without a request.
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(TmdbFailureKind.HttpError, summary.Failed[0].Kind);
        Assert.Equal(Enumerable.Repeat(TmdbFailureKind.CircuitOpen, 29), summary.Failed.Skip(1).Select(f => f.Kind));
        Assert.Contains("circuit breaker open", summary.Failed[1].Reason, StringComparison.Ordinal);
        Assert.True(summary.ExceedsFailureThreshold);
        Assert.Null(summary.KeyWritten);
    }

    [Fact]
    public async Task Snapshot_against_a_failing_TMDB_gives_up_in_seconds_with_the_default_settings()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        var catalogue = ShowCatalogue.LoadDefault();
        foreach (var show in catalogue.Shows)
        {
            server.SetPersistentFault(FakeTmdbServer.ShowPath(show.Id), FakeTmdbFault.ServerError());
        }

        // The shipped defaults of retries, timeouts, breaker and failure share. (The request rate stays
        // the tests' high one: the rate limiter runs on the real clock, the pipeline on the driven one.)
        var defaults = new TmdbOptions();
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?>
        {
            ["Tmdb:MaxFailureShare"] = defaults.MaxFailureShare.ToString(CultureInfo.InvariantCulture),
            ["Tmdb:MaxConcurrency"] = defaults.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Tmdb:MaxRetryAttempts"] = defaults.MaxRetryAttempts.ToString(CultureInfo.InvariantCulture),
            ["Tmdb:RetryBaseDelay"] = defaults.RetryBaseDelay.ToString(),
            ["Tmdb:AttemptTimeout"] = defaults.AttemptTimeout.ToString(),
            ["Tmdb:TotalTimeout"] = defaults.TotalTimeout.ToString(),
            ["Tmdb:CircuitBreakerFailureRatio"] = defaults.CircuitBreakerFailureRatio.ToString(CultureInfo.InvariantCulture),
            ["Tmdb:CircuitBreakerMinimumThroughput"] = defaults.CircuitBreakerMinimumThroughput.ToString(CultureInfo.InvariantCulture),
            ["Tmdb:CircuitBreakerSamplingDuration"] = defaults.CircuitBreakerSamplingDuration.ToString(),
            ["Tmdb:CircuitBreakerBreakDuration"] = defaults.CircuitBreakerBreakDuration.ToString(),
        });
        var started = host.Time.GetUtcNow();

        var summary = await host.DriveAsync(host.Snapshotter(new FakeTimeProvider(Now)).RunAsync(Date, catalogue));

        // Retrying every show for its whole budget would take 160 / 4 x ~30 s = 20 minutes of the pipeline's clock.
        var elapsed = host.Time.GetUtcNow() - started;
        output.WriteLine($"gave up after {elapsed.TotalSeconds:F1} s (pipeline clock), {server.Requests.Count} requests, {summary.Failed.Count} failed, {summary.NotTaken} not taken");
        Assert.True(summary.StoppedEarly);
        Assert.True(elapsed < TimeSpan.FromMinutes(1), $"gave up after {elapsed}");
        Assert.True(server.Requests.Count < 100, $"{server.Requests.Count} requests");
        Assert.True(summary.NotTaken > 100, $"{summary.NotTaken} not taken");
    }

    private static ShowCatalogue CatalogueServedBy(FakeTmdbServer server, (long Id, string Name)[] shows)
    {
        server.SetShows(shows);
        return new ShowCatalogue(shows.Select(s => new Show(s.Id, s.Name, TmdbHashtag.FromName(s.Name))));
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
