using TrendingTv.Activities.Engines;

namespace TrendingTv.Dags.Tests.Fakes;

/// <summary>
/// An ETL engine that runs nothing: each job follows a <see cref="JobScript"/> counted in polls (not in
/// time), and the engine records every call and the most jobs it ever had running at once.
/// </summary>
public sealed class FakeEtlEngine : IEtlEngine
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (EtlJobRequest Request, JobScript Script, int Polls, bool Ended)> _jobs = [];
    private readonly List<EtlJobRequest> _submits = [];
    private readonly List<(string JobId, string Reason)> _terminations = [];
    private int _active;
    private int _maxActive;
    private readonly TaskCompletionSource _polled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failSubmits;
    private Func<EtlJobRequest, Exception> _submitError = SubmitIoError;
    private int _failStatusPolls;
    private int _submitAttempts;
    private bool _held;
    private readonly List<(int Count, TaskCompletionSource Reached)> _activeWaiters = [];

    /// <summary>The script of a run's job; by default it succeeds after one poll saying RUNNING.</summary>
    public Func<EtlJobRequest, JobScript> Script { get; set; } = _ => JobScript.SucceedsAfter(1);

    public IReadOnlyList<EtlJobRequest> Submits { get { lock (_gate) { return [.. _submits]; } } }

    public IReadOnlyList<(string JobId, string Reason)> Terminations { get { lock (_gate) { return [.. _terminations]; } } }

    public int SubmitAttempts { get { lock (_gate) { return _submitAttempts; } } }

    /// <summary>The most jobs that were submitted and not yet reported ended, at any one time.</summary>
    public int MaxActive { get { lock (_gate) { return _maxActive; } } }

    /// <summary>Completes when a job's status is asked for the first time (the run is then surely in progress).</summary>
    public Task Polled => _polled.Task;

    /// <summary>The number of jobs submitted and not yet reported ended.</summary>
    public int Active { get { lock (_gate) { return _active; } } }

    /// <summary>From now on every job reports RUNNING, without using up its script's polls, until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _held = true;
        }
    }

    /// <summary>Lets held jobs go on with their scripts.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _held = false;
        }
    }

    /// <summary>Completes once <paramref name="count"/> jobs are active at the same time.</summary>
    public Task ActiveReached(int count)
    {
        lock (_gate)
        {
            if (_active >= count)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _activeWaiters.Add((count, waiter));
            return waiter.Task;
        }
    }

    /// <summary>The next <paramref name="count"/> submissions throw: by default an <see cref="IOException"/>, as a dropped connection would.</summary>
    public void FailNextSubmits(int count, Func<EtlJobRequest, Exception>? error = null)
    {
        lock (_gate)
        {
            _failSubmits = count;
            _submitError = error ?? SubmitIoError;
        }
    }

    /// <summary>The next <paramref name="count"/> status polls throw an <see cref="HttpRequestException"/>.</summary>
    public void FailNextStatusPolls(int count)
    {
        lock (_gate)
        {
            _failStatusPolls = count;
        }
    }

    public Task<string> SubmitAsync(EtlJobRequest request, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _submitAttempts++;
            if (_failSubmits > 0)
            {
                _failSubmits--;
                throw _submitError(request);
            }

            var jobId = $"job-{request.RunId}";
            if (_jobs.TryGetValue(jobId, out var existing) && !existing.Ended)
            {
                return Task.FromResult(jobId); // idempotent per run, as the contract says
            }

            _jobs[jobId] = (request, Script(request), 0, false);
            _submits.Add(request);
            _active++;
            _maxActive = Math.Max(_maxActive, _active);
            foreach (var waiter in _activeWaiters.Where(w => w.Count <= _active))
            {
                waiter.Reached.TrySetResult();
            }

            return Task.FromResult(jobId);
        }
    }

    public Task<EtlJobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        _polled.TrySetResult();
        lock (_gate)
        {
            if (_failStatusPolls > 0)
            {
                _failStatusPolls--;
                throw new HttpRequestException($"503 from the engine while polling {jobId} (simulated).");
            }

            if (!_jobs.TryGetValue(jobId, out var job))
            {
                return Task.FromResult(new EtlJobStatus(jobId, EtlJobState.Failed, "UNKNOWN", $"No job {jobId}."));
            }

            if (job.Ended)
            {
                return Task.FromResult(new EtlJobStatus(jobId, job.Script.FinalState, job.Script.FinalState.ToString().ToUpperInvariant(), job.Script.FailureReason));
            }

            if (_held)
            {
                return Task.FromResult(new EtlJobStatus(jobId, EtlJobState.Running, "HELD"));
            }

            var polls = job.Polls + 1;
            if (polls <= job.Script.RunningPolls)
            {
                _jobs[jobId] = job with { Polls = polls };
                return Task.FromResult(new EtlJobStatus(jobId, EtlJobState.Running, job.Script.RunningState));
            }

            _jobs[jobId] = job with { Polls = polls, Ended = true };
            _active--;
            var final = job.Script.FinalState;
            return Task.FromResult(new EtlJobStatus(jobId, final, final == EtlJobState.Failed ? "TERMINATED_WITH_ERRORS" : "COMPLETED", job.Script.FailureReason));
        }
    }

    public Task TerminateAsync(string jobId, string reason, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _terminations.Add((jobId, reason));
            if (_jobs.TryGetValue(jobId, out var job) && !job.Ended)
            {
                _jobs[jobId] = job with { Ended = true, Script = job.Script with { FinalState = EtlJobState.Failed, FailureReason = reason } };
                _active--;
            }

            return Task.CompletedTask;
        }
    }

    private static IOException SubmitIoError(EtlJobRequest request) => new($"Connection reset while submitting {request.RunId} (simulated).");
}
