using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrendingTv.Activities.Engines;
using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs;

namespace TrendingTv.Activities.Tests.Engines;

/// <summary>The local engine's job bookkeeping, over a job body the test controls.</summary>
public sealed class LocalEngineTests
{
    private static readonly EtlJobRequest Tweet = new(Dataset.Tweet, new DateOnly(2020, 11, 23));

    [Fact]
    public async Task Submitting_a_run_while_its_job_runs_returns_the_running_jobs_id()
    {
        var body = new ControlledJobs();
        await using var engine = Engine(body);

        var first = await engine.SubmitAsync(Tweet);
        var second = await engine.SubmitAsync(Tweet);
        var other = await engine.SubmitAsync(new EtlJobRequest(Dataset.Tmdb, Tweet.Date));

        Assert.Equal("tweet-2020-11-23.1", first);
        Assert.Equal(first, second);
        Assert.Equal("tmdb-2020-11-23.1", other);
        Assert.Equal(EtlJobState.Running, (await engine.GetStatusAsync(first)).State);
        body.Succeed(Tweet.Dataset);
        body.Succeed(Dataset.Tmdb);
        await engine.WaitForCompletionAsync(first);
        await engine.WaitForCompletionAsync(other);
        Assert.Equal(2, body.Started);
    }

    [Fact]
    public async Task A_finished_job_still_answers_and_a_new_submit_starts_a_new_attempt()
    {
        var body = new ControlledJobs();
        await using var engine = Engine(body);
        var first = await engine.SubmitAsync(Tweet);
        body.Succeed(Tweet.Dataset);
        await engine.WaitForCompletionAsync(first);

        var status = await engine.GetStatusAsync(first);
        var again = await engine.SubmitAsync(Tweet);

        Assert.Equal(EtlJobState.Succeeded, status.State);
        Assert.Equal("SUCCEEDED", status.EngineState);
        Assert.Equal(42, engine.GetResult(first)!.RowsWritten);
        Assert.Equal("tweet-2020-11-23.2", again);
        Assert.Equal(EtlJobState.Running, (await engine.GetStatusAsync(again)).State);
        Assert.Equal(EtlJobState.Succeeded, (await engine.GetStatusAsync(first)).State);
    }

    [Fact]
    public async Task A_failing_job_reports_the_error()
    {
        var body = new ControlledJobs();
        await using var engine = Engine(body);
        var id = await engine.SubmitAsync(Tweet);

        body.Fail(Tweet.Dataset, new InvalidOperationException("tmdb_stat 2020-11-23: the snapshot does not exist."));
        var status = await engine.WaitForCompletionAsync(id);

        Assert.Equal(EtlJobState.Failed, status.State);
        Assert.Equal("FAILED", status.EngineState);
        Assert.Contains("InvalidOperationException: tmdb_stat 2020-11-23: the snapshot does not exist.", status.FailureReason, StringComparison.Ordinal);
        Assert.Null(engine.GetResult(id));
    }

    [Fact]
    public async Task An_unknown_job_id_is_a_failed_status_with_a_reason()
    {
        await using var engine = Engine(new ControlledJobs());

        var status = await engine.GetStatusAsync("tweet-2020-11-23.7");

        Assert.Equal(EtlJobState.Failed, status.State);
        Assert.Equal("UNKNOWN", status.EngineState);
        Assert.Contains("No local job 'tweet-2020-11-23.7'", status.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminating_a_running_job_stops_it_and_reports_the_reason()
    {
        var body = new ControlledJobs();
        await using var engine = Engine(body);
        var id = await engine.SubmitAsync(Tweet);
        await body.WaitStartedAsync(Dataset.Tweet);

        await engine.TerminateAsync(id, "past the DAG deadline");
        var status = await engine.GetStatusAsync(id);
        await engine.TerminateAsync(id, "again");
        await engine.TerminateAsync("tweet-1999-01-01.1", "never existed");

        Assert.Equal(EtlJobState.Failed, status.State);
        Assert.Equal("TERMINATED", status.EngineState);
        Assert.Contains("terminated: past the DAG deadline", status.FailureReason, StringComparison.Ordinal);
        Assert.True(body.SawCancellation);
    }

    [Fact]
    public async Task Jobs_beyond_the_concurrency_limit_wait_for_a_slot()
    {
        var body = new ControlledJobs();
        await using var engine = Engine(body, maxConcurrent: 1);
        var tweet = await engine.SubmitAsync(Tweet);
        await body.WaitStartedAsync(Dataset.Tweet);
        var tmdb = await engine.SubmitAsync(new EtlJobRequest(Dataset.Tmdb, Tweet.Date));

        Assert.Equal("PENDING", (await engine.GetStatusAsync(tmdb)).EngineState);
        body.Succeed(Dataset.Tweet);
        await engine.WaitForCompletionAsync(tweet);
        await body.WaitStartedAsync(Dataset.Tmdb);
        Assert.Equal("RUNNING", (await engine.GetStatusAsync(tmdb)).EngineState);
        body.Succeed(Dataset.Tmdb);
        Assert.Equal(EtlJobState.Succeeded, (await engine.WaitForCompletionAsync(tmdb)).State);
    }

    [Fact]
    public async Task Only_the_retained_number_of_ended_jobs_stay_answerable()
    {
        var body = new ControlledJobs();
        await using var engine = Engine(body, retained: 1);
        var first = await engine.SubmitAsync(Tweet);
        body.Succeed(Dataset.Tweet);
        await engine.WaitForCompletionAsync(first);
        var second = await engine.SubmitAsync(Tweet);
        body.Succeed(Dataset.Tweet);
        await engine.WaitForCompletionAsync(second);

        Assert.Equal("UNKNOWN", (await engine.GetStatusAsync(first)).EngineState);
        Assert.Equal(EtlJobState.Succeeded, (await engine.GetStatusAsync(second)).State);
    }

    private static LocalEngine Engine(ControlledJobs body, int maxConcurrent = 4, int retained = 100) => new(
        body.RunAsync,
        Options.Create(new EngineOptions { Local = new LocalEngineOptions { MaxConcurrentJobs = maxConcurrent, RetainedJobs = retained } }),
        NullLogger<LocalEngine>.Instance);

    /// <summary>Job bodies that end when the test says so (no timing involved): the n-th run of a dataset takes the n-th outcome.</summary>
    private sealed class ControlledJobs
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<Dataset, List<Outcome>> _outcomes = [];
        private readonly Dictionary<Dataset, TaskCompletionSource> _started = [];
        private int _startedCount;

        public int Started => Volatile.Read(ref _startedCount);

        public bool SawCancellation { get; private set; }

        public async Task<EtlRunResult> RunAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _startedCount);
            Outcome outcome;
            lock (_gate)
            {
                outcome = Find(dataset, o => !o.Claimed);
                outcome.Claimed = true;
            }

            StartedSignal(dataset).TrySetResult();
            try
            {
                return await outcome.Completion.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation = true;
                throw;
            }
        }

        public void Succeed(Dataset dataset) => Next(dataset).SetResult(new EtlRunResult(dataset, new DateOnly(2020, 11, 23), 42, ["k"]));

        public void Fail(Dataset dataset, Exception error) => Next(dataset).SetException(error);

        public Task WaitStartedAsync(Dataset dataset) => StartedSignal(dataset).Task;

        private TaskCompletionSource<EtlRunResult> Next(Dataset dataset)
        {
            lock (_gate)
            {
                var outcome = Find(dataset, o => !o.Decided);
                outcome.Decided = true;
                return outcome.Completion;
            }
        }

        private Outcome Find(Dataset dataset, Func<Outcome, bool> predicate)
        {
            if (!_outcomes.TryGetValue(dataset, out var list))
            {
                _outcomes[dataset] = list = [];
            }

            var outcome = list.FirstOrDefault(predicate);
            if (outcome is null)
            {
                outcome = new Outcome();
                list.Add(outcome);
            }

            return outcome;
        }

        private TaskCompletionSource StartedSignal(Dataset dataset)
        {
            lock (_gate)
            {
                if (!_started.TryGetValue(dataset, out var started))
                {
                    _started[dataset] = started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return started;
            }
        }

        private sealed class Outcome
        {
            public TaskCompletionSource<EtlRunResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public bool Claimed { get; set; }

            public bool Decided { get; set; }
        }
    }
}
