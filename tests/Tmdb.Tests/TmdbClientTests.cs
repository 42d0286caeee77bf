using System.Net;
using TrendingTv.Fixtures.Tmdb;
using TrendingTv.Tmdb.Client;

namespace TrendingTv.Tmdb.Tests;

public sealed class TmdbClientTests
{
    [Fact]
    public async Task Series_details_are_parsed_from_the_full_object_and_kept_byte_for_byte()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        await using var host = TmdbTestHost.Create(server);

        var response = await host.DriveAsync(host.Client.GetTvSeriesAsync(1396));

        Assert.Equal(server.BodyOf(FakeTmdbServer.ShowPath(1396)), response.RawJson);
        var series = response.Value;
        Assert.Equal(1396, series.Id);
        Assert.Equal("Breaking Bad", series.Name);
        Assert.Equal("Breaking Bad", series.OriginalName);
        Assert.Equal("en", series.OriginalLanguage);
        Assert.Equal([(18, "Drama"), (80, "Crime")], series.Genres.Select(g => (g.Id, g.Name)));
        Assert.Equal((174, "AMC", "US"), (series.Networks.Single().Id, series.Networks.Single().Name, series.Networks.Single().OriginCountry));
        Assert.Equal((5, 62), (series.NumberOfSeasons, series.NumberOfEpisodes));
        Assert.Equal((17774L, 8.944, 240.6403), (series.VoteCount, series.VoteAverage, series.Popularity));
        Assert.Equal(("2008-01-20", "Ended", false), (series.FirstAirDate, series.Status, series.InProduction));
    }

    [Fact]
    public async Task Generated_details_keep_TMDB_quirks_empty_first_air_date_and_network_country()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        server.SetShow(42, TmdbPayloads.TvSeries(42, "Quirky Show", rank: 5));
        await using var host = TmdbTestHost.Create(server);

        var series = (await host.DriveAsync(host.Client.GetTvSeriesAsync(42))).Value;

        Assert.Equal((42L, "Quirky Show"), (series.Id, series.Name));
        Assert.Equal(string.Empty, series.FirstAirDate);
        Assert.Equal(string.Empty, series.Networks.Single().OriginCountry);
    }

    [Fact]
    public async Task Popular_genre_and_trending_lists_are_parsed()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        await using var host = TmdbTestHost.Create(server);

        var popular = (await host.DriveAsync(host.Client.GetPopularTvAsync(1))).Value;
        var genres = (await host.DriveAsync(host.Client.GetTvGenresAsync())).Value;
        var trending = (await host.DriveAsync(host.Client.GetTrendingTvAsync())).Value;

        Assert.Equal((1, 20, 11127), (popular.Page, popular.Results.Count, popular.TotalPages));
        Assert.Equal((76479L, "The Boys", "The Boys"), (popular.Results[0].Id, popular.Results[0].Name, popular.Results[0].OriginalName));
        Assert.Equal([10765, 10759], popular.Results[0].GenreIds);
        Assert.Equal(16, genres.Genres.Count);
        Assert.Contains(genres.Genres, g => g.Id == 10765 && g.Name == "Sci-Fi & Fantasy");
        Assert.NotEmpty(trending.Results);
        Assert.All(trending.Results, r => Assert.Equal("tv", r.MediaType));
        Assert.Equal(["/3/tv/popular?page=1", "/3/genre/tv/list", "/3/trending/tv/day?page=1"], server.Requests.Select(r => r.Path + r.Query));
    }

    [Fact]
    public async Task Popular_shows_are_read_page_by_page_each_id_once()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        // The list moved while it was read: page 2 starts with the last show of page 1.
        var listed = Enumerable.Range(1, 20).Concat(Enumerable.Range(20, 40)).Select(i => ((long)i, $"Show {i}", (string?)null)).ToList();
        server.SetPopularPages(TmdbPayloads.PopularPages(listed));
        await using var host = TmdbTestHost.Create(server);

        var read = await host.DriveAsync(host.Client.GetPopularTvShowsAsync(45).ToListAsync().AsTask());

        Assert.Equal(45, read.Count);
        Assert.Equal(45, read.Select(s => s.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 45).Select(i => (long)i), read.Select(s => s.Id));
        Assert.Equal(["?page=1", "?page=2", "?page=3"], server.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task Bearer_token_is_sent_in_the_authorization_header_only()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.AccessToken = TmdbTestHost.AccessToken;
        await using var host = TmdbTestHost.Create(server);

        await host.DriveAsync(host.Client.GetTvSeriesAsync(1396));

        var request = Assert.Single(server.Requests);
        Assert.Equal($"Bearer {TmdbTestHost.AccessToken}", request.Authorization);
        Assert.DoesNotContain("api_key", request.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_key_is_sent_in_the_query_once_per_attempt_even_on_retries()
    {
        const string apiKey = "v3-key-0123456789abcdef";
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.ApiKey = apiKey;
        server.EnqueueFault(FakeTmdbServer.PopularPath(2), FakeTmdbFault.ServerError());
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:AccessToken"] = null, ["Tmdb:ApiKey"] = apiKey });

        var page = await host.DriveAsync(host.Client.GetPopularTvAsync(2));

        Assert.Equal(2, page.Value.Page);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal($"?page=2&api_key={apiKey}", r.Query));
        Assert.All(server.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task Configured_language_is_sent_with_every_call()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:Language"] = "de-DE" });

        await host.DriveAsync(host.Client.GetTvSeriesAsync(1396));
        await host.DriveAsync(host.Client.GetPopularTvAsync(2));

        Assert.Equal(["?language=de-DE", "?page=2&language=de-DE"], server.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task Rejected_credential_is_an_http_error_with_TMDB_status_7()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.AccessToken = "another-token";
        await using var host = TmdbTestHost.Create(server);

        var error = await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(1396)));

        Assert.Equal((TmdbFailureKind.HttpError, HttpStatusCode.Unauthorized, 7), (error.Kind, error.StatusCode, error.TmdbStatusCode));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Unknown_show_is_reported_as_not_found_and_not_retried()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        await using var host = TmdbTestHost.Create(server);

        var error = await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(999999999)));

        Assert.Equal((TmdbFailureKind.NotFound, HttpStatusCode.NotFound, 34), (error.Kind, error.StatusCode, error.TmdbStatusCode));
        Assert.Equal("3/tv/999999999", error.Path);
        Assert.Contains("3/tv/999999999: 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not be found", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_no_sooner_than_Retry_After()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.EnqueueFault(FakeTmdbServer.ShowPath(1396), FakeTmdbFault.TooManyRequests(retryAfterSeconds: 30));
        await using var host = TmdbTestHost.Create(server);
        var started = host.Time.GetUtcNow();

        var response = await host.DriveAsync(host.Client.GetTvSeriesAsync(1396));

        Assert.Equal(1396, response.Value.Id);
        Assert.Equal([429, 200], server.Requests.Select(r => r.StatusCode));
        // The retry base delay is 10 ms here: only Retry-After can hold the retry back for 30 s of the pipeline's clock.
        Assert.True(host.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(30), $"retried after {host.Time.GetUtcNow() - started}");
    }

    [Fact]
    public async Task Server_errors_are_retried_until_a_success()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.EnqueueFault(FakeTmdbServer.GenresPath, FakeTmdbFault.ServerError());
        server.EnqueueFault(FakeTmdbServer.GenresPath, FakeTmdbFault.ServerError());
        await using var host = TmdbTestHost.Create(server);

        var genres = await host.DriveAsync(host.Client.GetTvGenresAsync());

        Assert.Equal(16, genres.Value.Genres.Count);
        Assert.Equal([500, 500, 200], server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Persistent_server_error_fails_after_the_configured_retries()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.SetPersistentFault(FakeTmdbServer.ShowPath(1396), FakeTmdbFault.ServerError());
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxRetryAttempts"] = "2" });

        var error = await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(1396)));

        Assert.Equal((TmdbFailureKind.HttpError, HttpStatusCode.InternalServerError), (error.Kind, error.StatusCode));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Timed_out_attempt_is_retried()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.EnqueueFault(FakeTmdbServer.ShowPath(1396), FakeTmdbFault.Hang(TimeSpan.FromMinutes(10), TmdbPayloads.TvSeries1396));
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:AttemptTimeout"] = "00:00:01" });

        var response = await host.DriveAsync(host.Client.GetTvSeriesAsync(1396));

        Assert.Equal(server.BodyOf(FakeTmdbServer.ShowPath(1396)), response.RawJson);
        await TmdbTestHost.WaitUntilAsync(() => server.Requests.Count == 2);
        Assert.Equal([("hang (client gave up)", 0), (null, 200)], server.Requests.Select(r => (r.Fault, r.StatusCode)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    public async Task Every_attempt_timing_out_is_a_timeout_failure(int retries, int attempts)
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.SetPersistentFault(FakeTmdbServer.ShowPath(1396), FakeTmdbFault.Hang(TimeSpan.FromMinutes(10), TmdbPayloads.TvSeries1396));
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?>
        {
            ["Tmdb:MaxRetryAttempts"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tmdb:AttemptTimeout"] = "00:00:00.500",
        });

        var error = await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(1396)));

        Assert.Equal(TmdbFailureKind.Timeout, error.Kind);
        // Each attempt reached the server and was cut short there, however slowly this machine ran.
        await TmdbTestHost.WaitUntilAsync(() => server.Requests.Count >= attempts && server.Hanging == 0);
        Assert.Equal(Enumerable.Repeat("hang (client gave up)", attempts), server.Requests.Select(r => r.Fault));
    }

    [Fact]
    public async Task Total_timeout_ends_a_call_whose_retries_would_outlast_it()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.SetPersistentFault(FakeTmdbServer.ShowPath(1396), FakeTmdbFault.Hang(TimeSpan.FromMinutes(10), TmdbPayloads.TvSeries1396));
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?>
        {
            ["Tmdb:MaxRetryAttempts"] = "20",
            ["Tmdb:AttemptTimeout"] = "00:00:02",
            ["Tmdb:TotalTimeout"] = "00:00:05",
        });
        var started = host.Time.GetUtcNow();

        var error = await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(1396)));

        Assert.Equal(TmdbFailureKind.Timeout, error.Kind);
        // 20 retries of 2 s attempts would take over 40 s; the total timeout ends the call at 5 s of the pipeline's clock.
        Assert.InRange(host.Time.GetUtcNow() - started, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
        await TmdbTestHost.WaitUntilAsync(() => server.Hanging == 0);
        Assert.InRange(server.Requests.Count, 2, 3);
    }

    [Fact]
    public async Task Malformed_json_is_reported_and_not_retried()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.SetPersistentFault(FakeTmdbServer.ShowPath(1396), FakeTmdbFault.MalformedJson(1396));
        await using var host = TmdbTestHost.Create(server);

        var error = await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(1396)));

        Assert.Equal((TmdbFailureKind.MalformedResponse, HttpStatusCode.OK), (error.Kind, error.StatusCode));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Unreachable_server_is_reported_after_retries()
    {
        await using var server = await FakeTmdbServer.StartAsync();
        var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxRetryAttempts"] = "1" });
        await using var _ = host;
        await server.DisposeAsync();

        var error = await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(1396)));

        Assert.Equal(TmdbFailureKind.Unreachable, error.Kind);
    }

    [Theory]
    [InlineData("AccessToken")]
    [InlineData("ApiKey")]
    public async Task Credentials_never_reach_logs_or_exception_messages(string credential)
    {
        const string secret = "s3cr3t-credential-value-9a8b7c";
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.SetPersistentFault(FakeTmdbServer.ShowPath(500), FakeTmdbFault.ServerError());
        server.SetPersistentFault(FakeTmdbServer.ShowPath(501), FakeTmdbFault.Hang(TimeSpan.FromMinutes(10), TmdbPayloads.TvSeries1396));
        server.SetPersistentFault(FakeTmdbServer.ShowPath(502), FakeTmdbFault.MalformedJson(502));
        var logs = new CapturingLoggerProvider();
        await using var host = TmdbTestHost.Create(
            server,
            new Dictionary<string, string?> { ["Tmdb:AccessToken"] = null, [$"Tmdb:{credential}"] = secret, ["Tmdb:MaxRetryAttempts"] = "1", ["Tmdb:AttemptTimeout"] = "00:00:01" },
            logs);

        var messages = new List<string>();
        await host.DriveAsync(host.Client.GetTvSeriesAsync(1396));
        foreach (var id in new long[] { 404, 500, 501, 502 })
        {
            var error = await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(id)));
            messages.Add(error.ToString());
        }

        // The server saw the credential, and the logs saw the requests: the secret was there to leak.
        Assert.All(server.Requests, r => Assert.Contains(secret, r.Query + r.Authorization, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Contains("/3/tv/1396", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Contains("/3/tv/500", StringComparison.Ordinal));
        Assert.All(logs.Entries.Concat(messages), text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }
}
