using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
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
/// The DAG on one machine: the same orchestrators and activities as the Functions app, on the
/// in-memory durable backend of Microsoft.DurableTask.InProcessTestHost (a gRPC sidecar on a loopback
/// port, state in memory, gone when the host is disposed). Activities are resolved from the
/// application's services (<c>AddDataLake()</c> + <c>AddEtlActivities()</c>).
/// </summary>
public sealed class EmbeddedDagHost : IAsyncDisposable
{
    private const int MaxWorkItems = 64;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly IHost _host;
    private readonly DagOptions _options;
    private readonly CancellationTokenSource _stopping;

    private EmbeddedDagHost(IHost host, DagOptions options, CancellationTokenSource stopping)
    {
        _host = host;
        _options = options;
        _stopping = stopping;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>The durable client of the embedded backend (to query or terminate instances).</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Starts the backend and a worker with the DAG's orchestrators and activities.</summary>
    /// <param name="services">Where the activities come from: they must resolve the five DAG activity classes.</param>
    /// <param name="options">Poll interval, deadline, retries, backfill concurrency.</param>
    /// <param name="loggerFactory">Logs of the backend and the orchestrators; none by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<EmbeddedDagHost> StartAsync(
        IServiceProvider services, DagOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DagTaskRegistryExtensions.EnsureActivitiesRegistered(services);

        var stopping = new CancellationTokenSource();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(loggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddInMemoryDurableTask(
            registry => registry.AddDagTasks(services, stopping.Token),
            new InMemoryDurableTaskOptions { Port = FreeLoopbackPort() });
        builder.Services.AddSingleton<InMemoryOrchestrationService>(sp =>
            new ConcurrentInMemoryOrchestrationService(sp.GetService<ILoggerFactory>(), MaxWorkItems));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            stopping.Dispose();
            throw;
        }

        return new EmbeddedDagHost(host, options, stopping);
    }

    /// <summary>
    /// Runs the DAG for one dataset and date and waits for the end. If that run is already in
    /// progress on this host, waits for it instead of starting a second one; a finished run is run again.
    /// </summary>
    public async Task<DagRunResult> RunAsync(Dataset dataset, DateOnly date, CancellationToken cancellationToken = default)
    {
        var runId = DagInstanceIds.Run(dataset, date);
        var existing = await Client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        if (existing is null || !IsActive(existing.RuntimeStatus))
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(EtlDagOrchestrator),
                new DagRunInput(dataset, date, _options.ToSettings()),
                new StartOrchestrationOptions(runId),
                cancellationToken);
        }

        var finished = await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, cancellationToken);
        return DagRunResult.From(dataset, date, finished);
    }

    /// <summary>
    /// Runs every date from <paramref name="from"/> to <paramref name="to"/> for each dataset through the
    /// backfill orchestrator, at most <paramref name="concurrency"/> at once, and returns each run's result
    /// (by date, then dataset). Failed runs are results, not exceptions. Refuses a range in which a run is in progress.
    /// </summary>
    public async Task<IReadOnlyList<DagRunResult>> RunRangeAsync(
        DateOnly from,
        DateOnly to,
        IReadOnlyList<Dataset> datasets,
        int concurrency,
        IProgress<DagRunUpdate>? progress = null,
        CancellationToken cancellationToken = default)
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
            throw new InvalidOperationException($"Runs already in progress on this host: {string.Join(", ", busy)}.");
        }

        var backfillId = DagInstanceIds.Backfill(from, to, distinct);
        var started = DateTimeOffset.UtcNow;
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(BackfillOrchestrator), input, new StartOrchestrationOptions(backfillId), cancellationToken);
        var completion = Client.WaitForInstanceCompletionAsync(backfillId, getInputsAndOutputs: false, cancellationToken);

        var watcher = progress is null ? null : new RangeProgress(Client, runs, started, progress);
        if (watcher is not null)
        {
            while (!completion.IsCompleted)
            {
                await Task.WhenAny(completion, Task.Delay(ProgressInterval, cancellationToken));
                await watcher.PollAsync(cancellationToken);
            }
        }

        await completion;

        var results = new List<DagRunResult>(runs.Count);
        foreach (var (dataset, date, runId) in runs)
        {
            var instance = await Client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
            results.Add(DagRunResult.From(dataset, date, instance is not null && instance.CreatedAt >= started ? instance : null));
        }

        if (watcher is not null)
        {
            watcher.ReportFinal(results);
        }

        return results;
    }

    /// <summary>The run's current state on this host (<see cref="DagRunState.NotStarted"/> if it never ran here).</summary>
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
            await _host.StopAsync(CancellationToken.None);
        }
        finally
        {
            _host.Dispose();
            _stopping.Dispose();
        }
    }

    internal static bool IsActive(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    /// <summary>A free TCP port on the loopback interface for the sidecar (instead of the package's random pick).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
