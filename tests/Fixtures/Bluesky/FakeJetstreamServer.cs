using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TrendingTv.Fixtures.Bluesky;

/// <summary>
/// A stand-in for a Jetstream instance on 127.0.0.1 (Kestrel WebSockets, random port) serving <c>/subscribe</c>.
/// Each connection attempt follows the next queued <see cref="FakeJetstreamConnection"/> — refused with an HTTP
/// status, or accepted and played step by step (messages, fragmented and garbage frames, a cut mid-message, a close
/// frame, a drop); with none queued a connection is accepted and stays silent. Every attempt's query is recorded, so
/// tests can check the wanted collections and the resume cursor.
/// </summary>
public sealed class FakeJetstreamServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeJetstreamConnection> _script = new();
    private readonly ConcurrentQueue<FakeJetstreamRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    private FakeJetstreamServer()
    {
    }

    /// <summary>The subscribe endpoint, e.g. <c>ws://127.0.0.1:41234/subscribe</c>.</summary>
    public Uri SubscribeUri { get; private set; } = null!;

    /// <summary>Every connection attempt so far, in order.</summary>
    public IReadOnlyList<FakeJetstreamRequest> Requests => [.. _requests];

    public static async Task<FakeJetstreamServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new FakeJetstreamServer();
        var (app, baseAddress) = await LoopbackHttpApp.StartAsync(
            a =>
            {
                a.UseWebSockets();
                a.Run(server.HandleAsync);
            },
            cancellationToken);
        server._app = app;
        server.SubscribeUri = new Uri($"ws://{baseAddress.Authority}/subscribe");
        return server;
    }

    /// <summary>Queues the behaviour of the next connection attempts, in order.</summary>
    public void Enqueue(params FakeJetstreamConnection[] connections)
    {
        foreach (var connection in connections)
        {
            _script.Enqueue(connection);
        }
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
        var query = context.Request.Query;
        _requests.Enqueue(new FakeJetstreamRequest(
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            [.. query["wantedCollections"].Select(value => value ?? string.Empty)],
            long.TryParse(query["cursor"], NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : null,
            context.WebSockets.IsWebSocketRequest));
        if (context.Request.Path != "/subscribe")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var connection = _script.TryDequeue(out var next) ? next : FakeJetstreamConnection.Accept();
        if (connection.RefuseStatus != 0 || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = connection.RefuseStatus != 0 ? connection.RefuseStatus : StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("""{"error":"refused by the test script"}""");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await PlayAsync(socket, connection.Steps, gone.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client left (it dropped a stalled connection, or the test ended).
        }
    }

    /// <summary>
    /// Plays the steps. Returning without a close frame ends the connection the way a dropped server does: Kestrel
    /// delivers what was sent, then closes the TCP connection (no abort, which could discard data not yet sent).
    /// </summary>
    private static async Task PlayAsync(WebSocket socket, IReadOnlyList<FakeJetstreamStep> steps, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case FakeJetstreamStep.StepKind.Send:
                    await SendAsync(socket, step.Payload, step.MessageType, step.FrameBytes, cancellationToken);
                    break;
                case FakeJetstreamStep.StepKind.SendMany:
                    foreach (var payload in step.Payloads)
                    {
                        await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                    }

                    break;
                case FakeJetstreamStep.StepKind.PartialThenDrop:
                    await socket.SendAsync(step.Payload, WebSocketMessageType.Text, endOfMessage: false, cancellationToken);
                    return;
                case FakeJetstreamStep.StepKind.Close:
                    await socket.CloseOutputAsync(step.CloseStatus, step.CloseDescription, cancellationToken);
                    await DrainAsync(socket, cancellationToken);
                    return;
                case FakeJetstreamStep.StepKind.Drop:
                    return;
                case FakeJetstreamStep.StepKind.WaitFor:
                    await step.Signal.WaitAsync(cancellationToken);
                    break;
                case FakeJetstreamStep.StepKind.Stall:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown step {step.Kind}.");
            }
        }

        // Silent until the client goes away.
        await DrainAsync(socket, cancellationToken);
    }

    private static async Task SendAsync(WebSocket socket, ReadOnlyMemory<byte> payload, WebSocketMessageType type, int frameBytes, CancellationToken cancellationToken)
    {
        if (frameBytes <= 0 || payload.Length <= frameBytes)
        {
            await socket.SendAsync(payload, type, endOfMessage: true, cancellationToken);
            return;
        }

        for (var start = 0; start < payload.Length; start += frameBytes)
        {
            var length = Math.Min(frameBytes, payload.Length - start);
            await socket.SendAsync(payload.Slice(start, length), type, endOfMessage: start + length == payload.Length, cancellationToken);
        }
    }

    /// <summary>Reads (and ignores) what the client sends until it closes or leaves.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                }

                return;
            }
        }
    }
}
