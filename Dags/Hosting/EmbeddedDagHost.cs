using System.ComponentModel.DataAnnotations;
using DurableTask.Core;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrendingTv.Dags.Models;
using TrendingTv.Dags.Options;
using TrendingTv.Dags.Orchestrations;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Hosting;

/// <summary>
/// The DAG on one machine: the same orchestrators and activities as the Functions app, run by a
/// Microsoft.DurableTask worker through a loopback gRPC sidecar (<see cref="DurableTaskSidecar"/>) over
/// the configured backend: in memory (gone when the host is disposed) or Azure Storage (Azurite or a
/// storage account: a new host on the same task hub continues the runs a killed one left in flight).
/// Activities are resolved from the application's services (<c>AddDataLake()</c> + <c>AddEtlActivities()</c>).
/// </summary>
public sealed class EmbeddedDagHost : IAsyncDisposable
{
    private const int MaxInMemoryWorkItems = 64;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WorkerShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly IHost _worker;
    private readonly DurableTaskSidecar _sidecar;
    private readonly DagOptions _options;
    private readonly CancellationTokenSource _stopping;
    private readonly TimeSpan _completionPoll;

    private EmbeddedDagHost(IHost worker, DurableTaskSidecar sidecar, DagOptions options, DurableBackend backend, CancellationTokenSource stopping)
    {
        _worker = worker;
        _sidecar = sidecar;
        _options = options;
        _stopping = stopping;
        Backend = backend;
        _completionPoll = backend == DurableBackend.InMemory ? TimeSpan.FromMilliseconds(50) : ProgressInterval;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>The durable client of the backend (to query, start or terminate instances).</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Where the orchestration state lives.</summary>
    public DurableBackend Backend { get; }

    /// <summary>The DAG settings runs started by this host carry.</summary>
    public DagOptions Options => _options;

    /// <summary>Starts the backend and a worker with the DAG's orchestrators and activities.</summary>
    /// <param name="services">Where the activities come from: they must resolve the five DAG activity classes.</param>
    /// <param name="options">Poll interval, deadline, retries, backfill concurrency.</param>
    /// <param name="loggerFactory">Logs of the backend and the orchestrators; none by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<EmbeddedDagHost> StartAsync(
        IServiceProvider services, DagOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        StartAsync(services, options, new DurableBackendOptions(), loggerFactory, cancellationToken);

    /// <summary>Starts the host on the given backend (an Azure Storage backend needs its connection string).</summary>
    public static async Task<EmbeddedDagHost> StartAsync(
        IServiceProvider services,
        DagOptions options,
        DurableBackendOptions backend,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        options.Validate();
        ValidateBackend(backend);
        DagTaskRegistryExtensions.EnsureActivitiesRegistered(services);
        loggerFactory ??= NullLoggerFactory.Instance;

        IOrchestrationService service = backend.Backend == DurableBackend.AzureStorage
            ? await AzureStorageBackend.CreateAsync(backend, loggerFactory)
            : DurableTaskSidecar.InMemory(loggerFactory, MaxInMemoryWorkItems);
        DurableTaskSidecar? sidecar = null;
        var stopping = new CancellationTokenSource();
        try
        {
            sidecar = await DurableTaskSidecar.StartAsync(service, loggerFactory, cancellationToken);
            var worker = await StartWorkerAsync(sidecar, services, loggerFactory, stopping.Token, cancellationToken);
            return new EmbeddedDagHost(worker, sidecar, options, backend.Backend, stopping);
        }
        catch
        {
            if (sidecar is not null)
            {
                await sidecar.DisposeAsync();
            }

            await StopServiceAsync(service);
            stopping.Dispose();
            throw;
        }
    }

    /// <summary>Starts a worker and a client over the sidecar's channel, with the DAG's orchestrators and activities.</summary>
    private static async Task<IHost> StartWorkerAsync(
        DurableTaskSidecar sidecar, IServiceProvider services, ILoggerFactory loggerFactory, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var channel = sidecar.Channel;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(registry => registry.AddDagTasks(services, stopping));
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = WorkerShutdownTimeout);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var worker = builder.Build();
        try
        {
            await worker.StartAsync(cancellationToken);
            return worker;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the DAG for one dataset and date and waits for the end. If that run is already in
    /// progress on this backend, waits for it instead of starting a second one; a finished run is run again.
    /// </summary>
    public Task<DagRunResult> RunAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default) =>
        CancellableAsync(
            async () =>
            {
                await StartRunAsync(dataset, date, cancellationToken);
                var finished = await WaitUntilFinishedAsync(DagInstanceIds.Run(dataset, date), getInputsAndOutputs: true, cancellationToken);
                return DagRunResult.From(dataset, date, finished);
            },
            cancellationToken);

    /// <summary>Starts the run unless it is in progress on this backend; true when this call started it.</summary>
    public async Task<bool> StartRunAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        var runId = DagInstanceIds.Run(dataset, date);
        var existing = await Client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && IsActive(existing.RuntimeStatus))
        {
            return false;
        }

        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(EtlDagOrchestrator),
            new DagRunInput(dataset, date, _options.ToSettings()),
            new StartOrchestrationOptions(runId),
            cancellationToken);
        return true;
    }

    /// <summary>
    /// Runs every date from <paramref name="from"/> to <paramref name="to"/> for each dataset through the
    /// backfill orchestrator, at most <paramref name="concurrency"/> at once, and returns each run's result
    /// (by date, then dataset). Failed runs are results, not exceptions. If the same backfill (same range and
    /// datasets) is still in progress on the backend — a durable backend after a crash — waits for it instead
    /// of starting it again; otherwise refuses a range in which a run is in progress.
    /// </summary>
    public Task<IReadOnlyList<DagRunResult>> RunRangeAsync(
        DateOnly from,
        DateOnly to,
        IReadOnlyList<Dataset> datasets,
        int concurrency,
        IProgress<DagRunUpdate>? progress = null,
        CancellationToken cancellationToken = default) =>
        CancellableAsync(() => RunRangeCoreAsync(from, to, datasets, concurrency, progress, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<DagRunResult>> RunRangeCoreAsync(
        DateOnly from, DateOnly to, IReadOnlyList<Dataset> datasets, int concurrency, IProgress<DagRunUpdate>? progress, CancellationToken cancellationToken)
    {
        var plan = await StartRangeAsync(from, to, datasets, concurrency, cancellationToken);
        var watcher = progress is null ? null : new RangeProgress(Client, plan.Runs, plan.Started, progress);
        while (true)
        {
            var backfill = await Client.GetInstanceAsync(plan.BackfillId, getInputsAndOutputs: false, cancellationToken);
            if (watcher is not null)
            {
                await watcher.PollAsync(cancellationToken);
            }

            if (backfill is null || !IsActive(backfill.RuntimeStatus))
            {
                break;
            }

            await Task.Delay(ProgressInterval, cancellationToken);
        }

        var results = new List<DagRunResult>(plan.Runs.Count);
        foreach (var (dataset, date, runId) in plan.Runs)
        {
            var instance = await Client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
            results.Add(DagRunResult.From(dataset, date, instance is not null && instance.CreatedAt >= plan.Started ? instance : null));
        }

        watcher?.ReportFinal(results);
        return results;
    }

    /// <summary>The run's current state on this backend (<see cref="DagRunState.NotStarted"/> if it never ran).</summary>
    public async Task<DagRunResult> GetRunAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        var instance = await Client.GetInstanceAsync(DagInstanceIds.Run(dataset, date), getInputsAndOutputs: true, cancellationToken);
        return DagRunResult.From(dataset, date, instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            using var timeout = new CancellationTokenSource(WorkerShutdownTimeout);
            await _worker.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The worker did not stop in time; its work is at-least-once and comes back to the next host.
        }
        finally
        {
            _worker.Dispose();
            await _sidecar.DisposeAsync();
            await StopServiceAsync(_sidecar.Service);
            _stopping.Dispose();
        }
    }

    internal static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    /// <summary>Starts the range's backfill, or finds it still running on the backend; refuses a range with a foreign run in progress.</summary>
    private async Task<RangePlan> StartRangeAsync(DateOnly from, DateOnly to, IReadOnlyList<Dataset> datasets, int concurrency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range ends ({LakeLayout.Iso(to)}) before it starts ({LakeLayout.Iso(from)}).");
        }

        if (datasets.Count == 0)
        {
            throw new ArgumentException("Name at least one dataset.", nameof(datasets));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var distinct = datasets.Distinct().ToList();
        var input = new BackfillInput(from, to, distinct, concurrency, _options.BackfillRunsPerGeneration, _options.ToSettings());
        var runs = BackfillOrchestrator.Runs(input).Select(r => (r.Dataset, r.Date, r.RunId)).ToList();
        var backfillId = DagInstanceIds.Backfill(from, to, distinct);

        var existing = await Client.GetInstanceAsync(backfillId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && IsActive(existing.RuntimeStatus))
        {
            // Left in flight by a process that stopped: its runs go on where they were.
            return new RangePlan(backfillId, runs, existing.CreatedAt);
        }

        var busy = new List<string>();
        foreach (var (_, _, runId) in runs)
        {
            var instance = await Client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
            if (instance is not null && IsActive(instance.RuntimeStatus))
            {
                busy.Add(runId);
            }
        }

        if (busy.Count > 0)
        {
            throw new InvalidOperationException($"Runs already in progress on this backend: {string.Join(", ", busy)}.");
        }

        var started = DateTimeOffset.UtcNow;
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(BackfillOrchestrator), input, new StartOrchestrationOptions(backfillId), cancellationToken);
        return new RangePlan(backfillId, runs, started);
    }

    /// <summary>
    /// Polls the instance until it is no longer pending or running. Polling rather than
    /// <c>WaitForInstanceCompletionAsync</c>: on the Azure Storage backend that call answers seconds late.
    /// </summary>
    private async Task<OrchestrationMetadata?> WaitUntilFinishedAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellationToken)
    {
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
            if (instance is null || !IsActive(instance.RuntimeStatus))
            {
                return instance;
            }

            await Task.Delay(_completionPoll, cancellationToken);
        }
    }

    /// <summary>A gRPC call cut short by the caller's token is a cancellation, not a failure of the backend.</summary>
    private static async Task<T> CancellableAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The wait for the DAG runs was cancelled; they go on in the backend.", e, cancellationToken);
        }
    }

    private static void ValidateBackend(DurableBackendOptions backend)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(backend, new ValidationContext(backend), results, validateAllProperties: true))
        {
            var problems = results.Select(r => $"{DurableBackendOptions.SectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
            throw new ArgumentException($"Invalid durable backend options: {string.Join("; ", problems)}");
        }
    }

    /// <summary>Stops the backend's own background work (queue polling, partition leases) so that nothing keeps fetching after the host is gone.</summary>
    private static async Task StopServiceAsync(IOrchestrationService service)
    {
        if (service is SidecarCompatibleOrchestrationService azure)
        {
            await azure.StopAsync(isForced: true);
            azure.Dispose();
        }
    }

    private sealed record RangePlan(string BackfillId, IReadOnlyList<(Dataset Dataset, DateOnly Date, string RunId)> Runs, DateTimeOffset Started);
}
