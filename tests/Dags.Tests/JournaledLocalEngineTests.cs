using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.Activities.Engines;
using TrendingTv.Dags.Hosting;
using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace TrendingTv.Dags.Tests;

/// <summary>
/// The local engine behind a journal: a "process" is one engine over the journal file; a new engine over
/// the same file is the process after a restart. Jobs are gated, so nothing depends on timing.
/// </summary>
public sealed class JournaledLocalEngineTests : IDisposable
{
    private static readonly EtlJobRequest Run = new(Dataset.Tweet, new DateOnly(2020, 11, 23));
    private readonly string _journal = Path.Combine(Directory.CreateTempSubdirectory("journal-tests-").FullName, "local-jobs.jsonl");
    private readonly List<(Dataset Dataset, DateOnly Date)> _executions = [];
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task A_job_lost_with_its_process_is_run_again_at_start_up_as_the_next_attempt_under_its_old_id_and_a_status_query_runs_nothing()
    {
        var first = Engine(out var firstInner);
        var jobId = await first.SubmitAsync(Run);
        first.Dispose(); // the process dies with the job running
        await firstInner.DisposeAsync();

        var second = Engine(out var secondInner);
        var beforeResume = await second.GetStatusAsync(jobId);
        var submittedBeforeResume = LocalJobJournal.Read(_journal).Count(e => e.Event == JournalEntry.SubmittedEvent);
        await second.ResumeLostJobsAsync();
        var resumed = await second.GetStatusAsync(jobId);
        _gate.SetResult();
        var final = await WaitEndAsync(second, jobId);
        second.Dispose();
        await secondInner.DisposeAsync();

        Assert.Equal("tweet-2020-11-23.1", jobId);
        Assert.Equal((EtlJobState.Running, "AWAITING_RESUME"), (beforeResume.State, beforeResume.EngineState));
        Assert.Equal(1, submittedBeforeResume); // asking for a status submitted nothing
        Assert.Equal(EtlJobState.Running, resumed.State);
        Assert.Equal(EtlJobState.Succeeded, final.State);
        Assert.Equal(jobId, final.JobId);
        var submitted = LocalJobJournal.Read(_journal).Where(e => e.Event == JournalEntry.SubmittedEvent).ToList();
        Assert.Equal(["tweet-2020-11-23.1", "tweet-2020-11-23.2"], submitted.Select(e => e.JobId));
        Assert.Equal("tweet-2020-11-23.1", submitted[1].Resumes);
    }

    [Fact]
    public async Task A_resumed_job_that_ended_answers_for_its_lost_id_after_another_restart_without_running_again()
    {
        var first = Engine(out var firstInner);
        var jobId = await first.SubmitAsync(Run);
        first.Dispose();
        await firstInner.DisposeAsync();
        var second = Engine(out var secondInner);
        await second.ResumeLostJobsAsync();
        _gate.SetResult();
        await WaitEndAsync(second, jobId);
        second.Dispose();
        await secondInner.DisposeAsync();

        var third = Engine(out var thirdInner);
        await third.ResumeLostJobsAsync();
        var status = await third.GetStatusAsync(jobId);
        third.Dispose();
        await thirdInner.DisposeAsync();

        Assert.Equal(EtlJobState.Succeeded, status.State);
        Assert.Equal(2, LocalJobJournal.Read(_journal).Count(e => e.Event == JournalEntry.SubmittedEvent));
    }

    [Fact]
    public async Task A_job_that_ended_before_the_restart_is_answered_from_the_journal_and_not_run_again()
    {
        _gate.SetResult();
        var first = Engine(out var firstInner);
        var jobId = await first.SubmitAsync(Run);
        await WaitEndAsync(first, jobId);
        first.Dispose();
        await firstInner.DisposeAsync();

        var second = Engine(out var secondInner);
        var status = await second.GetStatusAsync(jobId);
        second.Dispose();
        await secondInner.DisposeAsync();

        Assert.Equal(EtlJobState.Succeeded, status.State);
        Assert.Single(_executions);
        Assert.Single(LocalJobJournal.Read(_journal), e => e.Event == JournalEntry.SubmittedEvent);
    }

    [Fact]
    public async Task Submitting_a_run_whose_job_is_running_returns_that_job_and_attempts_count_on_across_processes()
    {
        var first = Engine(out var firstInner);
        var a = await first.SubmitAsync(Run);
        var b = await first.SubmitAsync(Run);
        first.Dispose();
        await firstInner.DisposeAsync();
        var second = Engine(out var secondInner);
        var c = await second.SubmitAsync(Run);
        _gate.SetResult();
        await WaitEndAsync(second, c);
        second.Dispose();
        await secondInner.DisposeAsync();

        Assert.Equal("tweet-2020-11-23.1", a);
        Assert.Equal(a, b);
        Assert.Equal("tweet-2020-11-23.2", c);
    }

    [Fact]
    public void A_torn_last_line_is_ignored_and_the_next_entry_starts_on_its_own_line()
    {
        File.WriteAllText(_journal, """{"event":"submitted","jobId":"tweet-2020-11-23.1","runId":"tweet-2020-11-23","attempt":1,"dataset":"tweet","date":"2020-11-23","at":"2026-11-29T00:00:00+00:00"}""" + "\n{\"event\":\"ended\",\"jobId\":\"tw");

        using (var journal = LocalJobJournal.Open(_journal))
        {
            Assert.Single(journal.Entries);
            journal.Ended("tweet-2020-11-23.1", "tweet-2020-11-23", EtlJobState.Succeeded, null);
        }

        Assert.Equal([JournalEntry.SubmittedEvent, JournalEntry.EndedEvent], LocalJobJournal.Read(_journal).Select(e => e.Event));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_journal)!, recursive: true);

    private JournaledLocalEngine Engine(out LocalEngine inner)
    {
        inner = new LocalEngine(RunJobAsync, MsOptions.Create(new EngineOptions()), NullLogger<LocalEngine>.Instance);
        return new JournaledLocalEngine(inner, LocalJobJournal.Open(_journal), NullLogger<JournaledLocalEngine>.Instance);
    }

    private async Task<EtlRunResult> RunJobAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken)
    {
        lock (_executions)
        {
            _executions.Add((dataset, date));
        }

        await _gate.Task.WaitAsync(cancellationToken);
        return new EtlRunResult(dataset, date, 160, []);
    }

    private static async Task<EtlJobStatus> WaitEndAsync(IEtlEngine engine, string jobId)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var status = await engine.GetStatusAsync(jobId, guard.Token);
            if (status.IsFinished)
            {
                return status;
            }

            await Task.Delay(10, guard.Token);
        }
    }
}
