using System.Net;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Options;
using TrendingTv.Dags.Triggers;
using TrendingTv.DataLake.Layout;
using TrendingTv.Orchestrations.Tests.Http;
using TrendingTv.Orchestrations.Triggers;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace TrendingTv.Orchestrations.Tests;

public sealed class RunTriggersTests
{
    private readonly FakeClient _client = new();
    private readonly DailyRunTrigger _timers = new(
        new RunStarter(MsOptions.Create(new DagOptions { PollInterval = TimeSpan.FromSeconds(30) })),
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 1, 30, 0, TimeSpan.Zero)),
        NullLogger<DailyRunTrigger>.Instance);

    [Fact]
    public async Task The_daily_timer_starts_the_run_of_the_previous_utc_day()
    {
        var (instanceId, started) = await _timers.StartPreviousDayAsync(Dataset.Tweet, _client.Client, default);

        Assert.True(started);
        Assert.Equal("tweet-2026-11-28", instanceId);
        var (name, input, id) = Assert.Single(_client.Started);
        Assert.Equal(("EtlDagOrchestrator", "tweet-2026-11-28"), (name, id));
        var run = Assert.IsType<DagRunInput>(input);
        Assert.Equal((Dataset.Tweet, new DateOnly(2026, 11, 28), TimeSpan.FromSeconds(30)), (run.Dataset, run.Date, run.Settings.PollInterval));
    }

    [Fact]
    public async Task A_run_already_in_progress_is_not_started_a_second_time()
    {
        _client.Add(FakeClient.Instance("EtlDagOrchestrator", "tmdb-2026-11-28", OrchestrationRuntimeStatus.Running));

        var (_, started) = await _timers.StartPreviousDayAsync(Dataset.Tmdb, _client.Client, default);

        Assert.False(started);
        Assert.Empty(_client.Started);
    }

    [Fact]
    public async Task The_status_of_a_failed_run_shows_its_step_job_and_reason()
    {
        _client.Add(new OrchestrationMetadata("EtlDagOrchestrator", "tweet-2020-11-23")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            SerializedCustomStatus = """{"step":"wait-for-job","jobId":"j-2AXXXXXX","lastState":"TERMINATED_WITH_ERRORS","polls":7,"generation":0}""",
            FailureDetails = new TaskFailureDetails("TrendingTv.Dags.Orchestrations.DagRunFailedException", "Run tweet-2020-11-23 failed at wait-for-job: ETL job j-2AXXXXXX failed", null, null, null),
        });

        var response = await GetAsync("tweet", "2020-11-23");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = response.Json;
        Assert.Equal("Failed", json.GetProperty("runtimeStatus").GetString());
        Assert.Equal("j-2AXXXXXX", json.GetProperty("customStatus").GetProperty("jobId").GetString());
        Assert.Equal("wait-for-job", json.GetProperty("customStatus").GetProperty("step").GetString());
        Assert.Equal("Run tweet-2020-11-23 failed at wait-for-job: ETL job j-2AXXXXXX failed", json.GetProperty("failure").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_run_never_started_is_a_404()
    {
        var response = await GetAsync("tmdb", "2020-11-23");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No run tmdb-2020-11-23 has been started.", response.Json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("imdb", "2020-11-23", "'imdb' is not a dataset; expected 'tweet' or 'tmdb'.")]
    [InlineData("tweet", "2020-13-01", "'2020-13-01' is not a date in yyyy-MM-dd form.")]
    public async Task A_bad_dataset_or_date_is_a_400(string dataset, string date, string expected)
    {
        var response = await GetAsync(dataset, date);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([expected], response.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
    }

    private async Task<TestHttpResponseData> GetAsync(string dataset, string date)
    {
        var request = new TestHttpRequestData("GET", $"http://localhost:7071/api/runs/{dataset}/{date}");
        return (TestHttpResponseData)await new RunStatusHttpTrigger().GetRunStatus(request, dataset, date, _client.Client, request.FunctionContext);
    }
}
