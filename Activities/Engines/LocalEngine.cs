using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Layout;
using TrendingTv.SparkJobs;

namespace TrendingTv.Activities.Engines;

/// <summary>
/// The <c>local</c> engine: runs SparkJobs' transformation on embedded DuckDB (<see cref="LocalEtlRunner.StageAsync"/>,
/// writing to the run's staging folder) in the background of this process. Job ids are <c>{runId}.{attempt}</c> (e.g. <c>tweet-2020-11-23.1</c>);
/// submitting a run while its job runs returns that job's id; ended jobs stay answerable (up to
/// <see cref="LocalEngineOptions.RetainedJobs"/>); an id this process never issued is reported as a
/// failed status, since local jobs do not outlive their process.
/// </summary>
public sealed partial class LocalEngine : IEtlEngine, IAsyncDisposable, IDisposable
{
    private readonly Func<Dataset, DateOnly, CancellationToken, Task<EtlRunResult>> _run;
    private readonly ILogger<LocalEngine> _logger;
    private readonly LocalEngineOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Job> _latestByRun = new(StringComparer.Ordinal);
    private readonly Queue<Job> _ended = new();
    private bool _disposed;

    /// <summary>The engine over SparkJobs' DuckDB runner.</summary>
    public LocalEngine(LocalEtlRunner runner, IOptions<EngineOptions> options, ILogger<LocalEngine> logger)
        : this(WrapRunner(runner), options, logger)
    {
    }

    /// <summary>The engine over any job body (tests; alternative runners).</summary>
    public LocalEngine(Func<Dataset, DateOnly, CancellationToken, Task<EtlRunResult>> run, IOptions<EngineOptions> options, ILogger<LocalEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _run = run;
        _logger = logger;
        _options = options.Value.Local;
        _slots = new SemaphoreSlim(_options.MaxConcurrentJobs, _options.MaxConcurrentJobs);
    }

    public Task<string> SubmitAsync(EtlJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Job job;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var previous = _latestByRun.GetValueOrDefault(request.RunId);
            if (previous is { IsRunning: true })
            {
                LogReused(_logger, previous.Id, request.RunId);
                return Task.FromResult(previous.Id);
            }

            var attempt = (previous?.Attempt ?? 0) + 1;
            job = new Job(string.Create(CultureInfo.InvariantCulture, $"{request.RunId}.{attempt}"), request, attempt);
            _jobs[job.Id] = job;
            _latestByRun[request.RunId] = job;

            // The job outlives the submitting call: it is cancelled only by TerminateAsync or disposal.
            job.Completion = Task.Run(() => RunAsync(job), CancellationToken.None);
        }

        LogSubmitted(_logger, job.Id, request.RunId);
        return Task.FromResult(job.Id);
    }

    public Task<EtlJobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        lock (_gate)
        {
            return Task.FromResult(_jobs.TryGetValue(jobId, out var job)
                ? job.Status
                : new EtlJobStatus(
                    jobId,
                    EtlJobState.Failed,
                    "UNKNOWN",
                    $"No local job '{jobId}' is known to this process: local jobs live only as long as the process that ran them (or were forgotten after {_options.RetainedJobs} newer jobs)."));
        }
    }

    public async Task TerminateAsync(string jobId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        Job? job;
        lock (_gate)
        {
            job = _jobs.GetValueOrDefault(jobId);
            if (job is { IsRunning: true })
            {
                job.TerminationReason ??= string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason;
            }
        }

        if (job is null)
        {
            LogTerminateUnknown(_logger, jobId);
            return;
        }

        if (!job.IsRunning)
        {
            return;
        }

        LogTerminating(_logger, jobId, reason);
        await job.Cancellation.CancelAsync();
        await job.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Waits until the job has ended and returns its final status (unknown ids answer at once).</summary>
    public async Task<EtlJobStatus> WaitForCompletionAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        Job? job;
        lock (_gate)
        {
            job = _jobs.GetValueOrDefault(jobId);
        }

        if (job is not null)
        {
            await job.Completion.WaitAsync(cancellationToken);
        }

        return await GetStatusAsync(jobId, cancellationToken);
    }

    /// <summary>What a succeeded job wrote, or null (unknown, running or failed job).</summary>
    public EtlRunResult? GetResult(string jobId)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(jobId)?.Result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var running = CancelAll();
        try
        {
            await Task.WhenAll(running.Select(j => j.Completion));
        }
        catch (OperationCanceledException)
        {
            // Job outcomes are recorded in their status; disposal only waits for them to stop.
        }
    }

    public void Dispose() => CancelAll();

    private List<Job> CancelAll()
    {
        List<Job> running;
        lock (_gate)
        {
            _disposed = true;
            running = [.. _jobs.Values.Where(j => j.IsRunning)];
            foreach (var job in running)
            {
                job.TerminationReason ??= "the engine was shut down";
            }
        }

        foreach (var job in running)
        {
            job.Cancellation.Cancel();
        }

        return running;
    }

    private async Task RunAsync(Job job)
    {
        var token = job.Cancellation.Token;
        EtlJobStatus final;
        EtlRunResult? result = null;
        var acquired = false;
        try
        {
            await _slots.WaitAsync(token);
            acquired = true;
            SetStatus(job, new EtlJobStatus(job.Id, EtlJobState.Running, "RUNNING"));
            result = await _run(job.Request.Dataset, job.Request.Date, token);
            final = new EtlJobStatus(job.Id, EtlJobState.Succeeded, "SUCCEEDED");
            LogSucceeded(_logger, job.Id, result.RowsWritten, result.KeysWritten.Count);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            final = new EtlJobStatus(job.Id, EtlJobState.Failed, "TERMINATED", $"Local job {job.Id} was terminated: {job.TerminationReason}");
            LogStopped(_logger, job.Id, job.TerminationReason);
        }
        catch (Exception e)
        {
            final = new EtlJobStatus(job.Id, EtlJobState.Failed, "FAILED", $"Local job {job.Id} ({job.Request.RunId}) failed: {Describe(e)}");
            LogFailed(_logger, e, job.Id);
        }
        finally
        {
            if (acquired)
            {
                _slots.Release();
            }
        }

        lock (_gate)
        {
            job.Result = result;
            job.Status = final;
            _ended.Enqueue(job);
            while (_ended.Count > _options.RetainedJobs)
            {
                var old = _ended.Dequeue();
                _jobs.Remove(old.Id);
                if (_latestByRun.GetValueOrDefault(old.Request.RunId) == old)
                {
                    _latestByRun.Remove(old.Request.RunId);
                }
            }
        }
    }

    private void SetStatus(Job job, EtlJobStatus status)
    {
        lock (_gate)
        {
            job.Status = status;
        }
    }

    /// <summary>The exception and its inner causes, as "Type: message" joined by " ← ".</summary>
    private static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        return string.Join(" <- ", parts);
    }

    private static Func<Dataset, DateOnly, CancellationToken, Task<EtlRunResult>> WrapRunner(LocalEtlRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        // Outputs go to the run's staging folder; the DAG checks them there and publishes them as its own step.
        return runner.StageAsync;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local job {JobId} submitted for run {RunId}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} already has the running local job {JobId}; returning it")]
    private static partial void LogReused(ILogger logger, string jobId, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local job {JobId} succeeded: {Rows} rows, {Keys} objects written")]
    private static partial void LogSucceeded(ILogger logger, string jobId, long rows, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local job {JobId} stopped: {Reason}")]
    private static partial void LogStopped(ILogger logger, string jobId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Local job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminating local job {JobId}: {Reason}")]
    private static partial void LogTerminating(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminate asked for the unknown local job {JobId}; nothing to stop")]
    private static partial void LogTerminateUnknown(ILogger logger, string jobId);

    private sealed class Job(string id, EtlJobRequest request, int attempt)
    {
        public string Id { get; } = id;

        public EtlJobRequest Request { get; } = request;

        public int Attempt { get; } = attempt;

        public CancellationTokenSource Cancellation { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;

        public EtlJobStatus Status { get; set; } = new(id, EtlJobState.Running, "PENDING");

        public string? TerminationReason { get; set; }

        public EtlRunResult? Result { get; set; }

        public bool IsRunning => Status.State == EtlJobState.Running;
    }
}
