using System.Globalization;
using System.Net.WebSockets;

namespace TrendingTv.Streamer.Sources.Bluesky;

/// <summary>
/// One open Jetstream WebSocket: assembles frames into whole messages in a buffer that grows up to the size limit and
/// no further (a larger message is read to its end and dropped, its first kilobyte kept for the quarantine), and drops
/// the connection when no data arrives for the stall timeout (the timer is the client's <see cref="TimeProvider"/>).
/// </summary>
internal sealed class JetstreamConnection : IDisposable
{
    /// <summary>How much of an over-size message is kept for the quarantine.</summary>
    public const int OverSizePrefixBytes = 1024;

    private const int InitialBufferBytes = 16 * 1024;
    private readonly ClientWebSocket _socket;
    private readonly TimeProvider _time;
    private readonly int _maxMessageBytes;
    private readonly TimeSpan _stallTimeout;
    private readonly CancellationToken _stopping;
    private readonly CancellationTokenSource _stall;
    private readonly CancellationTokenSource _receiving;
    private byte[] _buffer = new byte[InitialBufferBytes];

    public JetstreamConnection(ClientWebSocket socket, Uri instance, long? cursorTimeUs, BlueskyOptions options, TimeProvider time, CancellationToken stopping)
    {
        _socket = socket;
        _time = time;
        _maxMessageBytes = options.MaxMessageBytes;
        _stallTimeout = options.StallTimeout;
        _stopping = stopping;
        Instance = instance;
        CursorTimeUs = cursorTimeUs;
        ConnectedAt = time.GetUtcNow();
        _stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _stall.CancelAfter(_stallTimeout);
        _receiving = CancellationTokenSource.CreateLinkedTokenSource(stopping, _stall.Token);
    }

    public Uri Instance { get; }

    public long? CursorTimeUs { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>When the last complete message arrived; null before the first.</summary>
    public DateTimeOffset? LastMessageAt { get; private set; }

    public long MessagesReceived { get; private set; }

    /// <summary>Why the connection ended, once <see cref="ReceiveAsync"/> returned false.</summary>
    public string? Failure { get; private set; }

    /// <summary>The message just received; valid until the next <see cref="ReceiveAsync"/>.</summary>
    public ReadOnlyMemory<byte> Message { get; private set; }

    public bool IsBinary { get; private set; }

    /// <summary>The full length of the message just received when it was over the limit (then <see cref="Message"/> is its start); else 0.</summary>
    public long OverSizeLength { get; private set; }

    /// <summary>
    /// Receives the next complete message; false when the connection ended (<see cref="Failure"/> says why).
    /// Throws <see cref="OperationCanceledException"/> only when the client is stopping.
    /// </summary>
    public async ValueTask<bool> ReceiveAsync()
    {
        try
        {
            return await ReceiveMessageAsync();
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            Failure = $"stalled: no data for {_stallTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
        }
        catch (WebSocketException e)
        {
            Failure = $"connection lost: {e.Message}";
        }
        catch (IOException e)
        {
            Failure = $"connection lost: {e.Message}";
        }

        _socket.Abort();
        return false;
    }

    private async ValueTask<bool> ReceiveMessageAsync()
    {
        var length = 0;
        var total = 0L;
        byte[]? prefix = null;
        while (true)
        {
            if (length == _buffer.Length)
            {
                if (_buffer.Length < _maxMessageBytes)
                {
                    Array.Resize(ref _buffer, (int)Math.Min(_maxMessageBytes, 2L * _buffer.Length));
                }
                else
                {
                    // Over the limit: keep the start for the quarantine and let the rest pass through the same buffer.
                    prefix ??= _buffer[..OverSizePrefixBytes];
                    length = 0;
                }
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), _receiving.Token);
            _stall.CancelAfter(_stallTimeout);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Failure = ClosedReason();
                await CloseOutputQuietlyAsync();
                return false;
            }

            length += result.Count;
            total += result.Count;
            if (result.EndOfMessage)
            {
                MessagesReceived++;
                LastMessageAt = _time.GetUtcNow();
                IsBinary = result.MessageType == WebSocketMessageType.Binary;
                OverSizeLength = total > _maxMessageBytes ? total : 0;
                Message = total > _maxMessageBytes ? prefix : _buffer.AsMemory(0, (int)total);
                return true;
            }
        }
    }

    private string ClosedReason()
    {
        var status = _socket.CloseStatus is { } code ? $"{(int)code} {code}" : "no status";
        var description = string.IsNullOrEmpty(_socket.CloseStatusDescription) ? string.Empty : $": {_socket.CloseStatusDescription}";
        return $"closed by {Instance.Host} ({status}{description})";
    }

    private async ValueTask CloseOutputQuietlyAsync()
    {
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _receiving.Token);
        }
        catch (Exception e) when (e is WebSocketException or IOException || (e is OperationCanceledException && !_stopping.IsCancellationRequested))
        {
            // The server is gone already; the connection is over either way.
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _receiving.Dispose();
        _stall.Dispose();
    }
}
