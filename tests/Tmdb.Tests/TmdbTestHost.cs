using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Tmdb;
using TrendingTv.Tmdb.Client;
using TrendingTv.Tmdb.Selection;
using TrendingTv.Tmdb.Snapshot;

namespace TrendingTv.Tmdb.Tests;

/// <summary>
/// The TMDB area wired as the streamer wires it (AddDataLake + AddTmdb from configuration) against
/// a fake TMDB server and a lake in a temporary directory. Test settings are fast (high rate, 10 ms
/// retry delay) unless a test overrides them. Every timer of the HTTP pipeline — attempt and total
/// timeouts, retry delays, Retry-After, the circuit breaker — runs on <see cref="Time"/>, a fake
/// clock that only <see cref="DriveAsync{T}"/> moves, so no test depends on how busy the machine is.
/// </summary>
internal sealed class TmdbTestHost : IAsyncDisposable
{
    public const string AccessToken = "test-read-access-token-5f0c1a";

    /// <summary>How far the fake clock moves per step of <see cref="DriveAsync{T}"/>.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private readonly FakeTmdbServer _server;
    private readonly AttemptsInFlight _attempts;

    private TmdbTestHost(ServiceProvider services, string lakeDirectory, FakeTmdbServer server, FakeTimeProvider time, AttemptsInFlight attempts)
    {
        Services = services;
        LakeDirectory = lakeDirectory;
        _server = server;
        Time = time;
        _attempts = attempts;
    }

    public ServiceProvider Services { get; }

    public string LakeDirectory { get; }

    /// <summary>The clock of the HTTP pipeline.</summary>
    public FakeTimeProvider Time { get; }

    public IObjectStore Store => Services.GetRequiredService<IObjectStore>();

    public TmdbClient Client => Services.GetRequiredService<TmdbClient>();

    public TmdbShowSelector Selector => Services.GetRequiredService<TmdbShowSelector>();

    public static TmdbTestHost Create(FakeTmdbServer server, IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null, bool withCredential = true)
    {
        var lake = Path.Combine(Path.GetTempPath(), $"tmdb-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(lake);
        var values = new Dictionary<string, string?>
        {
            ["Lake:Root"] = lake,
            ["Tmdb:BaseUrl"] = server.BaseAddress.ToString(),
            ["Tmdb:AccessToken"] = withCredential ? AccessToken : null,
            ["Tmdb:RequestsPerSecond"] = "500",
            ["Tmdb:Burst"] = "20",
            ["Tmdb:MaxConcurrency"] = "8",
            ["Tmdb:MaxRetryAttempts"] = "3",
            ["Tmdb:RetryBaseDelay"] = "00:00:00.010",
            ["Tmdb:AttemptTimeout"] = "00:00:10",
            ["Tmdb:TotalTimeout"] = "00:01:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
        var attempts = new AttemptsInFlight();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddSingleton<TimeProvider>(time);
        services.AddDataLake();
        services.AddTmdb();
        // Innermost, below the resilience handler: sees each attempt from just after its timeout starts until it ends.
        services.AddHttpClient<TmdbClient>().AddHttpMessageHandler(() => new CountingHandler(attempts));
        return new TmdbTestHost(services.BuildServiceProvider(validateScopes: true), lake, server, time, attempts);
    }

    /// <summary>A snapshotter whose query_datetime stamps come from <paramref name="stamps"/> (the HTTP pipeline keeps <see cref="Time"/>).</summary>
    public TmdbSnapshotter Snapshotter(TimeProvider stamps) => ActivatorUtilities.CreateInstance<TmdbSnapshotter>(Services, stamps);

    /// <summary>
    /// Awaits <paramref name="call"/>, moving <see cref="Time"/> forward in small steps whenever every
    /// attempt in flight is held by the fake server (none is on its way there or back): then only a
    /// timer can make progress, and a timeout can only cut short an attempt that reached the server.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> call)
    {
        while (!call.IsCompleted)
        {
            if (_attempts.Count == _server.Hanging)
            {
                Time.Advance(Step);
            }

            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(2)));
        }

        return await call;
    }

    /// <inheritdoc cref="DriveAsync{T}(Task{T})"/>
    public Task DriveAsync(Task call) => DriveAsync(Completion(call));

    /// <summary>
    /// Waits (on the real clock, up to a minute) until the fake server's log satisfies <paramref name="condition"/>:
    /// a request cut short by the client is logged once the server notices, which may be after the client moved on.
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Directory.Delete(LakeDirectory, recursive: true);
    }

    private static async Task<bool> Completion(Task call)
    {
        await call;
        return true;
    }

    private sealed class AttemptsInFlight
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Started() => Interlocked.Increment(ref _count);

        public void Ended() => Interlocked.Decrement(ref _count);
    }

    private sealed class CountingHandler(AttemptsInFlight attempts) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            attempts.Started();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                attempts.Ended();
            }
        }
    }
}
