using System.Globalization;
using Microsoft.Extensions.Logging;
using TrendingTv.Activities.Engines;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// The local engine for a durable backend. Local jobs die with their process, but the DAG's runs do not:
/// after a crash the restarted process is asked about jobs it never ran. Every submission and every end is
/// written to a <see cref="LocalJobJournal"/> first, so a job the journal shows submitted by an earlier process
/// and never ended is known to be lost. <see cref="ResumeLostJobsAsync"/>, called once at start-up (by
/// <see cref="LostLocalJobsResumer"/>), runs each lost run again as its next attempt (a job is idempotent: it
/// rewrites the date's partition); the status of any job id of a run answers for the run's latest attempt, and
/// never writes. Job ids are <c>{runId}.{attempt}</c>, attempts counted across processes, so no attempt is
/// submitted twice. One process per journal (the state folder's lock sees to it).
/// </summary>
public sealed partial class JournaledLocalEngine : IEtlEngine, IDisposable
{
    private readonly LocalEngine _inner;
    private readonly LocalJobJournal _journal;
    private readonly ILogger<JournaledLocalEngine> _logger;
    private readonly Lock _gate = new();
    private volatile bool _closing;

    // From the journal: the latest submission of each run, and each job's submission and end.
    private readonly Dictionary<string, int> _lastAttempt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _latestByRun = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JournalEntry> _submitted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JournalEntry> _ended = new(StringComparer.Ordinal);

    // Jobs of this process: our id (and the lost ids it resumes) to the inner engine's id.
    private readonly Dictionary<string, string> _innerIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _runningByRun = new(StringComparer.Ordinal);

    public JournaledLocalEngine(LocalEngine inner, LocalJobJournal journal, ILogger<JournaledLocalEngine> logger)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _journal = journal ?? throw new ArgumentNullException(nameof(journal));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        foreach (var entry in journal.Entries)
        {
            if (entry.Event == JournalEntry.SubmittedEvent && entry.Attempt is { } attempt)
            {
                _submitted[entry.JobId] = entry;
                if (attempt >= _lastAttempt.GetValueOrDefault(entry.RunId))
                {
                    _lastAttempt[entry.RunId] = attempt;
                    _latestByRun[entry.RunId] = entry.JobId;
                }
            }
            else if (entry.Event == JournalEntry.EndedEvent)
            {
                _ended[entry.JobId] = entry;
            }
        }
    }

    public async Task<string> SubmitAsync(EtlJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_runningByRun.TryGetValue(request.RunId, out var running))
            {
                return running;
            }
        }

        return await StartAttemptAsync(request, resumes: null, cancellationToken);
    }

    public async Task<EtlJobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        string? innerId;
        JournalEntry? ended;
        string latest;
        lock (_gate)
        {
            _ended.TryGetValue(jobId, out ended);
            latest = _submitted.TryGetValue(jobId, out var submitted) ? _latestByRun.GetValueOrDefault(submitted.RunId, jobId) : jobId;
            _innerIds.TryGetValue(latest, out innerId);
            ended ??= _ended.GetValueOrDefault(latest);
        }

        if (ended is not null)
        {
            var state = ended.State ?? EtlJobState.Failed;
            return new EtlJobStatus(jobId, state, state == EtlJobState.Succeeded ? "SUCCEEDED" : "FAILED", ended.Reason);
        }

        if (innerId is null)
        {
            // Not ours and not journaled: the inner engine's answer (an unknown job). Journaled by an earlier
            // process and not yet resumed: running, as far as the caller is concerned, until ResumeLostJobsAsync runs it.
            return latest == jobId && !IsJournaled(jobId)
                ? await _inner.GetStatusAsync(jobId, cancellationToken)
                : new EtlJobStatus(jobId, EtlJobState.Running, "AWAITING_RESUME");
        }

        var status = await _inner.GetStatusAsync(innerId, cancellationToken);

        // The end is reported only once the journal holds it (RecordEndAsync writes it as the job ends), so a crash
        // right after the caller hears of it cannot make the job run again.
        return status.IsFinished
            ? new EtlJobStatus(jobId, EtlJobState.Running, "ENDING")
            : status with { JobId = jobId };
    }

    /// <summary>
    /// Runs again, as its next attempt, every run whose latest job was submitted by an earlier process and never
    /// ended (the job went with that process). Called once at start-up, before the durable worker polls any status.
    /// </summary>
    public async Task ResumeLostJobsAsync(CancellationToken cancellationToken = default)
    {
        List<JournalEntry> lost;
        lock (_gate)
        {
            lost = _latestByRun.Values
                .Where(jobId => !_ended.ContainsKey(jobId) && !_innerIds.ContainsKey(jobId))
                .Select(jobId => _submitted[jobId])
                .ToList();
        }

        foreach (var job in lost)
        {
            var request = new EtlJobRequest(DatasetNames.Parse(job.Dataset!), LakeLayout.ParseIsoDate(job.Date!));
            await StartAttemptAsync(request, resumes: job.JobId, cancellationToken);
        }
    }

    public async Task TerminateAsync(string jobId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        string? innerId;
        JournalEntry? latest;
        lock (_gate)
        {
            var latestId = _submitted.TryGetValue(jobId, out var submitted) ? _latestByRun.GetValueOrDefault(submitted.RunId, jobId) : jobId;
            _innerIds.TryGetValue(latestId, out innerId);
            latest = _submitted.GetValueOrDefault(latestId);
        }

        if (innerId is not null)
        {
            await _inner.TerminateAsync(innerId, reason, cancellationToken);
        }
        else if (latest is not null && !IsEnded(latest.JobId))
        {
            // A lost job not resumed yet: nothing runs; record that it will not be resumed.
            Record(latest.JobId, latest.RunId, EtlJobState.Failed, $"terminated after its process stopped: {reason}");
        }
        else if (latest is null)
        {
            await _inner.TerminateAsync(jobId, reason, cancellationToken);
        }
    }

    public void Dispose()
    {
        _closing = true;
        _journal.Dispose();
    }

    private async Task<string> StartAttemptAsync(EtlJobRequest request, string? resumes, CancellationToken cancellationToken)
    {
        int attempt;
        lock (_gate)
        {
            attempt = _lastAttempt.GetValueOrDefault(request.RunId) + 1;
            _lastAttempt[request.RunId] = attempt;
        }

        var jobId = string.Create(CultureInfo.InvariantCulture, $"{request.RunId}.{attempt}");
        _journal.Submitted(jobId, request, attempt, resumes);
        var innerId = await _inner.SubmitAsync(request, cancellationToken);
        lock (_gate)
        {
            _submitted[jobId] = new JournalEntry(JournalEntry.SubmittedEvent, jobId, request.RunId, attempt, request.Dataset.Name(), LakeLayout.Iso(request.Date), resumes, null, null, DateTimeOffset.UtcNow);
            _innerIds[jobId] = innerId;
            _runningByRun[request.RunId] = jobId;
            _latestByRun[request.RunId] = jobId;
        }

        if (resumes is null)
        {
            LogSubmitted(_logger, jobId);
        }
        else
        {
            LogResumed(_logger, jobId, resumes);
        }

        _ = RecordEndAsync(jobId, request.RunId, innerId);
        return jobId;
    }

    /// <summary>Writes the job's end to the journal as soon as it ends, so that a restart never runs a finished job again.</summary>
    private async Task RecordEndAsync(string jobId, string runId, string innerId)
    {
        try
        {
            var final = await _inner.WaitForCompletionAsync(innerId, CancellationToken.None);
            lock (_gate)
            {
                if (_runningByRun.GetValueOrDefault(runId) == jobId)
                {
                    _runningByRun.Remove(runId);
                }
            }

            // A job stopped because this process is shutting down is lost, not failed: the next process resumes it.
            if (_closing)
            {
                return;
            }

            Record(jobId, runId, final.State, final.FailureReason);
        }
        catch (ObjectDisposedException)
        {
            // The journal closed with the process: the job's end is unknown, and the next process resumes it.
        }
    }

    /// <summary>Journals a job's end once (the completion watch, or a termination of a lost job).</summary>
    private void Record(string jobId, string runId, EtlJobState state, string? reason)
    {
        lock (_gate)
        {
            if (_ended.ContainsKey(jobId))
            {
                return;
            }

            _journal.Ended(jobId, runId, state, reason);
            _ended[jobId] = new JournalEntry(JournalEntry.EndedEvent, jobId, runId, null, null, null, null, state, reason, DateTimeOffset.UtcNow);
        }
    }

    private bool IsJournaled(string jobId)
    {
        lock (_gate)
        {
            return _submitted.ContainsKey(jobId);
        }
    }

    private bool IsEnded(string jobId)
    {
        lock (_gate)
        {
            return _ended.ContainsKey(jobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local job {JobId} submitted (journaled)")]
    private static partial void LogSubmitted(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local job {Lost} was lost with the process that ran it; running it again as {JobId}")]
    private static partial void LogResumed(ILogger logger, string jobId, string lost);
}
