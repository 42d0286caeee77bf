using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TrendingTv.Cli.Tests.Serve;

/// <summary>serve's HTTP API against a child process on loopback: the Functions app's contract, status codes and key.</summary>
public sealed class ServeHttpTests(ServeHttpFixture fixture) : IClassFixture<ServeHttpFixture>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);
    private ServeProcess Serve => fixture.Serve;

    [Theory]
    [InlineData("POST", "/api/backfill", null)]
    [InlineData("POST", "/api/backfill", "wrong-key-0123456789")]
    [InlineData("GET", "/api/runs/tweet/2020-11-20", null)]
    [InlineData("GET", "/api/runs/tweet/2020-11-20", "wrong-key-0123456789")]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances/tweet-2020-11-20", null)]
    [InlineData("POST", "/runtime/webhooks/durabletask/instances/tweet-2020-11-20/terminate", null)]
    public async Task A_request_without_the_right_key_is_a_401_and_changes_nothing(string method, string path, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new StringContent("""{"from": "2020-11-01", "to": "2020-11-01"}""") : null,
        };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await Serve.Client.SendAsync(request);
        using var wrongParameter = await Serve.Client.GetAsync($"/api/runs/tweet/2020-11-01?key={ServeProcess.ApiKey}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("x-functions-key header or the code query parameter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongParameter.StatusCode);
        using var backfill = await Serve.SendWithKeyAsync(HttpMethod.Get, "/api/runs/tweet/2020-11-01");
        Assert.Equal(HttpStatusCode.NotFound, backfill.StatusCode);
    }

    [Theory]
    [InlineData("", "The request body is empty")]
    [InlineData("{\"from\": ", "The request body is not valid JSON")]
    [InlineData("[\"2020-11-20\"]", "The request body is not valid JSON")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"dataset\": [\"tweet\"]}", "'dataset' is not a field of a backfill request (did you mean 'datasets'?)")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"concurrency\": 64}", "'concurrency' is not a field of a backfill request")]
    [InlineData("{\"from\": \"2020-11-22\", \"to\": \"2020-11-21\"}", "from 2020-11-22 is after to 2020-11-21.")]
    [InlineData("{\"from\": \"20-11-2020\", \"to\": \"2020-11-21\"}", "from '20-11-2020' is not a date in yyyy-MM-dd form.")]
    [InlineData("{\"from\": \"2019-01-01\", \"to\": \"2020-12-31\"}", "The range 2019-01-01 to 2020-12-31 has 731 days; at most 366 are allowed.")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"datasets\": [\"imdb\"]}", "datasets: 'imdb' is not a dataset")]
    [InlineData("{\"from\": \"2999-01-01\", \"to\": \"2999-01-02\"}", "is not over yet")]
    public async Task A_bad_body_is_a_400_saying_what_is_wrong(string body, string expected)
    {
        using var response = await Serve.SendWithKeyAsync(HttpMethod.Post, "/api/backfill", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await JsonAsync(response)).GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_400()
    {
        var body = "{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\"" + new string(' ', 10_000) + "}";

        using var response = await Serve.SendWithKeyAsync(HttpMethod.Post, "/api/backfill", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 4096 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_backfill_is_a_202_whose_status_urls_work_and_the_same_range_again_is_a_409()
    {
        const string Body = """{"from": "2020-11-20", "to": "2020-11-20", "datasets": ["tweet"]}""";
        using var started = await Serve.Client.PostAsync($"/api/backfill?code={ServeProcess.ApiKey}", new StringContent(Body));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var json = await JsonAsync(started);
        Assert.Equal("backfill-2020-11-20-2020-11-20-tweet", json.GetProperty("id").GetString());
        var statusUri = new Uri(json.GetProperty("statusQueryGetUri").GetString()!);
        Assert.Equal(statusUri, started.Headers.Location);
        var runUri = new Uri(json.GetProperty("runs")[0].GetProperty("statusUri").GetString()!);
        Assert.Equal("/api/runs/tweet/2020-11-20", runUri.AbsolutePath);

        using var backfillStatus = await Serve.SendWithKeyAsync(HttpMethod.Get, statusUri.PathAndQuery);
        Assert.True(backfillStatus.StatusCode == HttpStatusCode.Accepted, await backfillStatus.Content.ReadAsStringAsync()); // in progress
        Assert.Equal("BackfillOrchestrator", (await JsonAsync(backfillStatus)).GetProperty("name").GetString());
        var run = await WaitForRunStartedAsync(runUri.PathAndQuery);
        Assert.True(run.GetProperty("runtimeStatus").GetString() == "Running", run.ToString());

        using var again = await Serve.SendWithKeyAsync(HttpMethod.Post, "/api/backfill", Body);
        using var overlapping = await Serve.SendWithKeyAsync(HttpMethod.Post, "/api/backfill", """{"from": "2020-11-19", "to": "2020-11-20", "datasets": ["tweet"]}""");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("is already running", (await JsonAsync(again)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal(["tweet-2020-11-20"], (await JsonAsync(overlapping)).GetProperty("runs").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_bad_run_is_a_400_and_a_run_never_started_a_404()
    {
        using var badDataset = await Serve.SendWithKeyAsync(HttpMethod.Get, "/api/runs/imdb/2020-11-20");
        using var badDate = await Serve.SendWithKeyAsync(HttpMethod.Get, "/api/runs/tweet/2020-13-01");
        using var never = await Serve.SendWithKeyAsync(HttpMethod.Get, "/api/runs/tmdb/2001-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, badDataset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
        Assert.Equal("No run tmdb-2001-01-01 has been started.", (await JsonAsync(never)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_tweet_timer_starts_the_previous_utc_days_run_and_its_end_is_counted_in_the_metrics()
    {
        // The schedule is every 3 seconds; the run has no raw data, so it fails at once, and the next tick starts it again.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var run = await WaitForRunStartedAsync($"/api/runs/tweet/{yesterday}");
        var metrics = await WaitForAsync(async () =>
        {
            var text = await Serve.Client.GetStringAsync("/metrics");
            return (text.Contains("trendingtv_dag_runs_total{", StringComparison.Ordinal), text);
        });

        Assert.Equal($"tweet-{yesterday}", run.GetProperty("id").GetString());
        Assert.Contains("dataset=\"tweet\"", metrics, StringComparison.Ordinal);
        Assert.Contains("state=\"failed\"", metrics, StringComparison.Ordinal);
        Assert.Contains("trendingtv_dag_run_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_page_health_and_metrics_need_no_key_and_the_key_is_never_logged()
    {
        using var page = await Serve.Client.GetAsync("/");
        using var health = await Serve.Client.GetAsync("/healthz");
        using var metrics = await Serve.Client.GetAsync("/metrics");
        using var withCode = await Serve.Client.GetAsync($"/api/runs/tweet/2020-11-10?code={ServeProcess.ApiKey}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await JsonAsync(health)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.DoesNotContain(ServeProcess.ApiKey, Serve.Output, StringComparison.Ordinal);
    }

    /// <summary>Polls a run's status until the run exists and has left Pending (created is not yet started).</summary>
    private async Task<JsonElement> WaitForRunStartedAsync(string path) => await WaitForAsync(async () =>
    {
        using var response = await Serve.SendWithKeyAsync(HttpMethod.Get, path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (false, default);
        }

        var run = await JsonAsync(response);
        return (run.GetProperty("runtimeStatus").GetString() != "Pending", run);
    });

    /// <summary>Polls until <paramref name="probe"/> is done; the guard only stops a hang.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<(bool Done, T Value)>> probe)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var (done, value) = await probe();
            if (done)
            {
                return value;
            }

            await Task.Delay(200, guard.Token);
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
