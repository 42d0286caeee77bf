using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Orchestrations;
using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Dags.Tests;

/// <summary>
/// The orchestrator's steps after submission, against a strict mock of the orchestration context: every
/// call it makes is expected, in order. Runs start as a continued generation (the sensor handed over), so
/// the sequence is the sensor, the processed-data check and the publish step.
/// </summary>
public sealed class EtlDagOrchestratorSequenceTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly RunRequest Run = new(Dataset.Tmdb, Day);

    private readonly Mock<TaskOrchestrationContext> _context = new(MockBehavior.Strict);
    private readonly List<string> _calls = [];
    private readonly Queue<EtlJobStatus> _polls = new();
    private ProcessedDataReport _check = new("jobs/tmdb-2026-11-26/out/tmdb_stat/year=2026/month=11/day=26/", 160, []);
    private Exception? _publishFailure;

    public EtlDagOrchestratorSequenceTests()
    {
        _context.Setup(c => c.CreateReplaySafeLogger(typeof(EtlDagOrchestrator))).Returns(NullLogger.Instance);
        _context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        _context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => _calls.Add("status " + ((DagRunStatus)s!).Step));
        _context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((at, _) => _calls.Add($"timer +{(at - Now).TotalSeconds}s"))
            .Returns(Task.CompletedTask);
        _context.Setup(c => c.CallActivityAsync<EtlJobStatus>(Named(nameof(GetJobStatusActivity)), "j-1", It.IsAny<TaskOptions>()))
            .Callback(() => _calls.Add(nameof(GetJobStatusActivity)))
            .Returns(() => Task.FromResult(_polls.Dequeue()));
        _context.Setup(c => c.CallActivityAsync<ProcessedDataReport>(Named(nameof(CheckProcessedDataActivity)), Run, It.IsAny<TaskOptions>()))
            .Callback(() => _calls.Add(nameof(CheckProcessedDataActivity)))
            .Returns(() => Task.FromResult(_check));
        _context.Setup(c => c.CallActivityAsync<PublishReport>(Named(nameof(PublishOutputsActivity)), Run, It.IsAny<TaskOptions>()))
            .Callback(() => _calls.Add(nameof(PublishOutputsActivity)))
            .Returns(() => _publishFailure is null
                ? Task.FromResult(new PublishReport("tmdb-2026-11-26", "tmdb_stat/year=2026/month=11/day=26/", ["tmdb_stat/year=2026/month=11/day=26/_SUCCESS"], 1, 6, false))
                : Task.FromException<PublishReport>(_publishFailure));
    }

    [Fact]
    public async Task After_the_job_succeeds_the_run_checks_the_staged_data_then_publishes_it_then_succeeds()
    {
        _polls.Enqueue(new EtlJobStatus("j-1", EtlJobState.Running, "RUNNING"));
        _polls.Enqueue(new EtlJobStatus("j-1", EtlJobState.Succeeded, "TERMINATED"));

        var summary = await EtlDagOrchestrator.RunAsync(_context.Object, Input());

        Assert.Equal(
            [
                "status wait-for-job", nameof(GetJobStatusActivity), "status wait-for-job", "timer +60s",
                nameof(GetJobStatusActivity), "status wait-for-job",
                "status check-processed-data", nameof(CheckProcessedDataActivity),
                "status publish-outputs", nameof(PublishOutputsActivity),
                "status succeeded",
            ],
            _calls);
        Assert.Equal(new DagRunSummary("tmdb-2026-11-26", "j-1", "TERMINATED", 5, 3, 0, 160), summary);
    }

    [Fact]
    public async Task A_failed_check_ends_the_run_before_the_publish_step()
    {
        _polls.Enqueue(new EtlJobStatus("j-1", EtlJobState.Succeeded, "TERMINATED"));
        _check = _check with { RowCount = 0, Problems = ["The staged partition … is empty: its 1 Parquet file(s) hold no rows."] };

        var error = await Assert.ThrowsAsync<DagRunFailedException>(() => EtlDagOrchestrator.RunAsync(_context.Object, Input()));

        Assert.Equal(DagSteps.CheckProcessedData, error.Step);
        Assert.Equal(["status wait-for-job", nameof(GetJobStatusActivity), "status wait-for-job", "status check-processed-data", nameof(CheckProcessedDataActivity)], _calls);
    }

    [Fact]
    public async Task A_failed_job_ends_the_run_before_the_check_and_the_publish_step()
    {
        _polls.Enqueue(new EtlJobStatus("j-1", EtlJobState.Failed, "TERMINATED_WITH_ERRORS", "step failed"));

        var error = await Assert.ThrowsAsync<DagRunFailedException>(() => EtlDagOrchestrator.RunAsync(_context.Object, Input()));

        Assert.Equal(DagSteps.WaitForJob, error.Step);
        Assert.Equal(["status wait-for-job", nameof(GetJobStatusActivity), "status wait-for-job"], _calls);
    }

    [Fact]
    public async Task A_publish_that_fails_after_its_retries_fails_the_run_naming_the_publish_step()
    {
        _polls.Enqueue(new EtlJobStatus("j-1", EtlJobState.Succeeded, "TERMINATED"));
        _publishFailure = new TaskFailedException(
            nameof(PublishOutputsActivity), 7, new TaskFailureDetails(typeof(IOException).FullName!, "Connection reset", null, null, null));

        var error = await Assert.ThrowsAsync<DagRunFailedException>(() => EtlDagOrchestrator.RunAsync(_context.Object, Input()));

        Assert.Equal(DagSteps.PublishOutputs, error.Step);
        Assert.Contains("PublishOutputsActivity failed: Connection reset (System.IO.IOException)", error.Message, StringComparison.Ordinal);
        Assert.Equal("status publish-outputs", _calls[^2]);
    }

    private static DagRunInput Input() => new(
        Dataset.Tmdb,
        Day,
        new DagSettings(TimeSpan.FromMinutes(1), TimeSpan.FromHours(3), 100, new ActivityRetrySettings(3, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1))),
        new SensorState("j-1", Now.AddHours(2), Polls: 3, Generation: 2));

    private static TaskName Named(string name) => It.Is<TaskName>(n => n.Name == name);
}
