using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TrendingTv.Fixtures.Tmdb;

/// <summary>
/// A fake TMDB v3 API on 127.0.0.1 (Kestrel, random port) serving the bodies it is given byte for
/// byte: <c>/3/tv/{id}</c>, <c>/3/tv/popular?page=N</c>, <c>/3/genre/tv/list</c> and
/// <c>/3/trending/tv/day</c>; an unknown show is TMDB's 404 (status 34). Faults are scripted per
/// path, either for the next requests (<see cref="EnqueueFault"/>) or for all
/// (<see cref="SetPersistentFault"/>). With <see cref="AccessToken"/> or <see cref="ApiKey"/> set,
/// a request without that credential gets TMDB's 401. Every request is logged with its arrival time.
/// </summary>
public sealed class FakeTmdbServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeTmdbFault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeTmdbFault> _persistentFaults = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeTmdbRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private WebApplication? _app;
    private int _hanging;

    private FakeTmdbServer()
    {
    }

    /// <summary>The API root, e.g. <c>http://127.0.0.1:41234/</c> (requests go to <c>{BaseAddress}3/…</c>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>When set, requests must carry <c>Authorization: Bearer {AccessToken}</c>.</summary>
    public string? AccessToken { get; set; }

    /// <summary>When set, requests must carry <c>api_key={ApiKey}</c> in the query.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Requests held right now by a delaying fault (<see cref="FakeTmdbFault.Hang"/>): a test that
    /// drives the client's clock advances it only while every attempt in flight is held here.
    /// </summary>
    public int Hanging => Volatile.Read(ref _hanging);

    /// <summary>Every request so far, in order of arrival (a held request is listed once it ends).</summary>
    public IReadOnlyList<FakeTmdbRequest> Requests => [.. _requests.OrderBy(r => r.ReceivedAt)];

    /// <summary>Starts a server with no content: add it with the Set… methods.</summary>
    public static async Task<FakeTmdbServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new FakeTmdbServer();
        var (app, baseAddress) = await LoopbackHttpApp.StartAsync(a => a.Run(server.HandleAsync), cancellationToken);
        server.BaseAddress = baseAddress;
        server._app = app;
        return server;
    }

    /// <summary>The standard content: Breaking Bad (1396), the two recorded popular pages, genres and trending.</summary>
    public static async Task<FakeTmdbServer> StartWithRecordedContentAsync(CancellationToken cancellationToken = default)
    {
        var server = await StartAsync(cancellationToken);
        server.SetShow(1396, TmdbPayloads.TvSeries1396);
        server.SetPopularPages([TmdbPayloads.PopularPage(1), TmdbPayloads.PopularPage(2)]);
        server.SetGenres(TmdbPayloads.TvGenres);
        server.SetTrending(TmdbPayloads.TrendingTv);
        return server;
    }

    public static string ShowPath(long id) => string.Create(CultureInfo.InvariantCulture, $"/3/tv/{id}");

    public static string PopularPath(int page) => string.Create(CultureInfo.InvariantCulture, $"/3/tv/popular?page={page}");

    public const string GenresPath = "/3/genre/tv/list";

    public const string TrendingPath = "/3/trending/tv/day";

    public static string TrendingPagePath(int page) => string.Create(CultureInfo.InvariantCulture, $"{TrendingPath}?page={page}");

    public void SetShow(long id, byte[] body) => _bodies[ShowPath(id)] = body;

    /// <summary>The show becomes unknown: TMDB's 404.</summary>
    public void RemoveShow(long id) => _bodies.TryRemove(ShowPath(id), out _);

    /// <summary>Serves generated details (<see cref="TmdbPayloads.TvSeries"/>) for every show, ranked in order.</summary>
    public void SetShows(IEnumerable<(long Id, string Name)> shows)
    {
        ArgumentNullException.ThrowIfNull(shows);
        foreach (var (rank, show) in shows.Index())
        {
            SetShow(show.Id, TmdbPayloads.TvSeries(show.Id, show.Name, rank));
        }
    }

    /// <summary>The body served for a path (e.g. <see cref="ShowPath"/>), or null.</summary>
    public byte[]? BodyOf(string path) => _bodies.GetValueOrDefault(path);

    public void SetPopularPages(IReadOnlyList<byte[]> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        foreach (var (index, page) in pages.Index())
        {
            _bodies[PopularPath(index + 1)] = page;
        }
    }

    public void SetGenres(byte[] body) => _bodies[GenresPath] = body;

    /// <summary>The first page of trending TV.</summary>
    public void SetTrending(byte[] body) => _bodies[TrendingPagePath(1)] = body;

    /// <summary>The next request to <paramref name="path"/> gets <paramref name="fault"/> (faults queue in order).</summary>
    public void EnqueueFault(string path, FakeTmdbFault fault) =>
        _faults.GetOrAdd(path, _ => new ConcurrentQueue<FakeTmdbFault>()).Enqueue(fault);

    /// <summary>Every request to <paramref name="path"/> gets <paramref name="fault"/>.</summary>
    public void SetPersistentFault(string path, FakeTmdbFault fault) => _persistentFaults[path] = fault;

    /// <summary>The requests to one path, in order of arrival.</summary>
    public IReadOnlyList<FakeTmdbRequest> RequestsTo(string path) => [.. Requests.Where(r => KeyOf(r.Path, r.Query) == path)];

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    // List endpoints are keyed by page (1 when not given); everything else by path alone.
    private static string KeyOf(string path, string query) =>
        path is "/3/tv/popular" or TrendingPath ? $"{path}?page={QueryValue(query, "page") ?? "1"}" : path;

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts[0] == name)
            {
                return parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            }
        }

        return null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = _clock.Elapsed;
        var path = context.Request.Path.Value ?? "/";
        var query = context.Request.QueryString.Value ?? string.Empty;
        var authorization = context.Request.Headers.Authorization.ToString();
        var status = 0;
        string? faultName = null;
        try
        {
            if (!IsAuthorized(authorization, query))
            {
                status = await WriteAsync(context, 401, TmdbPayloads.InvalidApiKey, null);
                return;
            }

            var key = KeyOf(path, query);
            FakeTmdbFault? fault = null;
            if (_faults.TryGetValue(key, out var queue) && queue.TryDequeue(out var queued))
            {
                fault = queued;
            }
            else if (_persistentFaults.TryGetValue(key, out var persistent))
            {
                fault = persistent;
            }

            if (fault is not null)
            {
                faultName = fault.Name;
                if (fault.Delay > TimeSpan.Zero)
                {
                    Interlocked.Increment(ref _hanging);
                    try
                    {
                        // Server-side: the fake TMDB is slow. The client's attempt timeout cuts it short.
                        await Task.Delay(fault.Delay, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        faultName += " (client gave up)";
                        return;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _hanging);
                    }
                }

                status = await WriteAsync(context, fault.StatusCode, fault.Body, fault.Headers);
                return;
            }

            status = _bodies.TryGetValue(key, out var body)
                ? await WriteAsync(context, 200, body, null)
                : await WriteAsync(context, 404, TmdbPayloads.NotFound, null);
        }
        finally
        {
            _requests.Enqueue(new FakeTmdbRequest(path, query, authorization.Length == 0 ? null : authorization, status, faultName, receivedAt));
        }
    }

    private bool IsAuthorized(string authorization, string query) =>
        (AccessToken is null || authorization == $"Bearer {AccessToken}") &&
        (ApiKey is null || QueryValue(query, "api_key") == ApiKey);

    private static async Task<int> WriteAsync(HttpContext context, int status, byte[] body, IReadOnlyDictionary<string, string>? headers)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = status == 500 ? "text/plain" : "application/json;charset=utf-8";
        context.Response.ContentLength = body.Length;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
        return status;
    }
}
