using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.Dags.Backfill;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Options;
using TrendingTv.Dags.Triggers;
using TrendingTv.DataLake.Layout;
using TrendingTv.Orchestrations.Tests.Http;
using TrendingTv.Orchestrations.Triggers;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace TrendingTv.Orchestrations.Tests;

public sealed class BackfillHttpTriggerTests
{
    private const string Url = "http://localhost:7071/api/backfill";
    private readonly FakeClient _client = new();
    private readonly BackfillHttpTrigger _trigger = new(new BackfillTrigger(
        new BackfillRequestValidator(new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero))),
        MsOptions.Create(new DagOptions()),
        NullLogger<BackfillTrigger>.Instance));

    [Theory]
    [InlineData("", "The request body is empty")]
    [InlineData("{not json", "The request body is not valid JSON")]
    [InlineData("{\"to\": \"2020-11-21\"}", "from is missing")]
    [InlineData("{\"from\": \"2020-11-21\"}", "to is missing")]
    [InlineData("{\"from\": \"21/11/2020\", \"to\": \"2020-11-21\"}", "from '21/11/2020' is not a date in yyyy-MM-dd form.")]
    [InlineData("{\"from\": \"2020-11-22\", \"to\": \"2020-11-21\"}", "from 2020-11-22 is after to 2020-11-21.")]
    [InlineData("{\"from\": \"2026-11-28\", \"to\": \"2026-11-29\"}", "to 2026-11-29 is not over yet")]
    [InlineData("{\"from\": \"2019-01-01\", \"to\": \"2020-12-31\"}", "The range 2019-01-01 to 2020-12-31 has 731 days; at most 366 are allowed.")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"datasets\": []}", "datasets is empty")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"datasets\": [\"netflix\"]}", "datasets: 'netflix' is not a dataset")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"dataset\": [\"tmdb\"]}", "'dataset' is not a field of a backfill request (did you mean 'datasets'?)")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"concurrency\": 64}", "'concurrency' is not a field of a backfill request")]
    public async Task A_bad_request_is_a_400_saying_what_is_wrong(string body, string expected)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Problems(response), p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.Empty(_client.Started);
    }

    [Theory]
    [InlineData(4097)]
    [InlineData(1_000_000)]
    public async Task A_body_over_the_size_limit_is_a_400_and_starts_nothing(int size)
    {
        var padding = new string(' ', size);
        var response = await PostAsync("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\"" + padding + "}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["The request body is larger than 4096 bytes; expected {\"from\": \"yyyy-MM-dd\", \"to\": \"yyyy-MM-dd\", \"datasets\": [\"tweet\", \"tmdb\"]}."], Problems(response));
        Assert.Empty(_client.Started);
    }

    [Fact]
    public async Task A_valid_request_starts_one_backfill_and_answers_202_with_status_urls()
    {
        var response = await PostAsync("""{"from": "2020-11-01", "to": "2020-11-03", "datasets": ["tweet", "tmdb"]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (name, input, instanceId) = Assert.Single(_client.Started);
        Assert.Equal("BackfillOrchestrator", name);
        Assert.Equal("backfill-2020-11-01-2020-11-03-tweet-tmdb", instanceId);
        var backfill = Assert.IsType<BackfillInput>(input);
        Assert.Equal((new DateOnly(2020, 11, 1), new DateOnly(2020, 11, 3), 4), (backfill.From, backfill.To, backfill.Concurrency));
        Assert.Equal([Dataset.Tweet, Dataset.Tmdb], backfill.Datasets);

        var json = response.Json;
        const string Status = "http://localhost:7071/runtime/webhooks/durabletask/instances/backfill-2020-11-01-2020-11-03-tweet-tmdb";
        Assert.Equal(Status, json.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(Status, response.Headers.GetValues("Location").Single());
        Assert.Equal(Status + "/terminate?reason={text}", json.GetProperty("management").GetProperty("terminatePostUri").GetString());
        var runs = json.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(6, runs.Count);
        Assert.Equal("tweet-2020-11-01", runs[0].GetProperty("id").GetString());
        Assert.Equal("http://localhost:7071/api/runs/tmdb/2020-11-03", runs[5].GetProperty("statusUri").GetString());
    }

    [Fact]
    public async Task The_same_backfill_already_running_is_not_started_again()
    {
        _client.Add(FakeClient.Instance("BackfillOrchestrator", "backfill-2020-11-01-2020-11-03-tweet", OrchestrationRuntimeStatus.Running));

        var response = await PostAsync("""{"from": "2020-11-01", "to": "2020-11-03", "datasets": ["tweet"]}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("is already running", response.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_client.Started);
    }

    [Fact]
    public async Task A_range_with_a_run_in_progress_is_refused_naming_the_run()
    {
        _client.Add(FakeClient.Instance("EtlDagOrchestrator", "tweet-2020-11-02", OrchestrationRuntimeStatus.Running));
        _client.Add(FakeClient.Instance("EtlDagOrchestrator", "tweet-2020-11-03", OrchestrationRuntimeStatus.Completed));

        var response = await PostAsync("""{"from": "2020-11-01", "to": "2020-11-03", "datasets": ["tweet"]}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(["tweet-2020-11-02"], response.Json.GetProperty("runs").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(_client.Started);
    }

    [Fact]
    public async Task A_finished_backfill_is_started_again()
    {
        _client.Add(FakeClient.Instance("BackfillOrchestrator", "backfill-2020-11-01-2020-11-01-tmdb", OrchestrationRuntimeStatus.Failed));

        var response = await PostAsync("""{"from": "2020-11-01", "to": "2020-11-01", "datasets": ["tmdb"]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(_client.Started);
    }

    private static List<string> Problems(TestHttpResponseData response) =>
        response.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();

    private async Task<TestHttpResponseData> PostAsync(string body)
    {
        var request = new TestHttpRequestData("POST", Url, body);
        return (TestHttpResponseData)await _trigger.StartBackfill(request, _client.Client, request.FunctionContext);
    }
}
