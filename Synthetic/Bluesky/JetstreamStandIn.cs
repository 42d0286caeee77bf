using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrendingTv.Synthetic.Bluesky;

/// <summary>
/// A Jetstream-compatible server on 127.0.0.1 (random port) serving <c>/subscribe</c> over WebSocket from recorded or
/// generated events: each connection gets the events of <c>events()</c> in order, one text frame each, leaving out
/// those before its <c>cursor</c> (Unix microseconds, as Jetstream) and commits to collections it did not ask for in
/// <c>wantedCollections</c> (identity and account events go to everyone, as on Jetstream). When the events end the
/// connection stays open and silent, as a quiet firehose would, until the client leaves or the server stops. Used by
/// the demo, the benchmark and the tests; the fault-injecting fake of the client's tests is tests/Fixtures'.
/// </summary>
public sealed class JetstreamStandIn : IAsyncDisposable
{
    private readonly Func<IEnumerable<ReadOnlyMemory<byte>>> _events;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private long _connections;
    private long _sent;

    private JetstreamStandIn(Func<IEnumerable<ReadOnlyMemory<byte>>> events) => _events = events;

    /// <summary>The subscribe endpoint, e.g. <c>ws://127.0.0.1:41234/subscribe</c>.</summary>
    public Uri SubscribeUri { get; private set; } = null!;

    /// <summary>Connections accepted so far.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>How fast each connection is sent its events (events per second); 0, the default, as fast as the client reads.</summary>
    public double EventsPerSecond { get; set; }

    /// <summary>Events sent so far, over all connections.</summary>
    public long EventsSent => Interlocked.Read(ref _sent);

    /// <summary>Serves <paramref name="events"/> (called afresh for each connection).</summary>
    public static async Task<JetstreamStandIn> StartAsync(Func<IEnumerable<ReadOnlyMemory<byte>>> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var standIn = new JetstreamStandIn(events);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(standIn.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn._app = app;
        standIn.SubscribeUri = new Uri(address.TrimEnd('/').Replace("http://", "ws://", StringComparison.Ordinal) + "/subscribe");
        return standIn;
    }

    /// <summary>Serves the events of a JSON-lines file (one Jetstream message a line, e.g. a saved capture or a generated week).</summary>
    public static Task<JetstreamStandIn> ServeFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Jetstream events file '{full}' does not exist.", full);
        }

        return StartAsync(() => File.ReadLines(full).Where(line => line.Length > 0).Select(line => (ReadOnlyMemory<byte>)System.Text.Encoding.UTF8.GetBytes(line)), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/subscribe" || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var query = context.Request.Query;
        long? cursor = long.TryParse(query["cursor"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        var wanted = query["wantedCollections"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToHashSet(StringComparer.Ordinal);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _connections);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            long sent = 0;
            foreach (var message in _events())
            {
                if (!JetstreamEnvelope.Passes(message.Span, cursor, wanted))
                {
                    continue;
                }

                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
                Interlocked.Increment(ref _sent);
                if (EventsPerSecond > 0 && TimeSpan.FromSeconds(++sent / EventsPerSecond) - started.Elapsed is { } ahead && ahead > TimeSpan.FromMilliseconds(5))
                {
                    await Task.Delay(ahead, stop.Token);
                }
            }

            // The events are over: a quiet stream, until the client goes or the server stops.
            var buffer = new byte[1024];
            while (socket.State == WebSocketState.Open && !(await socket.ReceiveAsync(buffer, stop.Token)).CloseStatus.HasValue)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client left or the server is stopping.
        }
    }
}
