
namespace TrendingTv.Streamer.Sources.X;

/// <summary>
/// One connection of the X filtered stream: splits the body into lines (skipping the <c>\r\n</c> keep-alives) and
/// detects a stall (no byte for the stall timeout). When the connection ends it says why in <see cref="Failure"/>.
/// </summary>
internal sealed class XStreamConnection : IAsyncDisposable
{
    private const int InitialBufferSize = 64 << 10;
    private const int MaxMessageBytes = 16 << 20;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly TimeSpan _stallTimeout;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stall;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;

    private XStreamConnection(HttpResponseMessage response, Stream body, TimeSpan stallTimeout, TimeProvider time)
    {
        _response = response;
        _body = body;
        _stallTimeout = stallTimeout;
        _time = time;
        _stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        ConnectedAt = time.GetUtcNow();
        LastByteAt = ConnectedAt;
    }

    public DateTimeOffset ConnectedAt { get; }

    public DateTimeOffset LastByteAt { get; private set; }

    /// <summary>Why the connection ended (null while it runs, or when it was cancelled).</summary>
    public StreamFailure? Failure { get; private set; }

    public static async Task<XStreamConnection> OpenAsync(HttpResponseMessage response, TimeSpan stallTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new XStreamConnection(response, body, stallTimeout, time);
    }

    /// <summary>
    /// The next non-empty line (without its line end), valid until the next call; null when the connection ended
    /// (<see cref="Failure"/> says why) or <paramref name="cancellationToken"/> was cancelled.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>?> NextLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadLineAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            Failure = _stall.IsCancellationRequested
                ? new StreamFailure(LastByteAt, DisconnectKind.Network, DisconnectKinds.Stall, $"stalled: no data for {_stallTimeout.TotalSeconds:0.#} s")
                : new StreamFailure(_time.GetUtcNow(), DisconnectKind.Network, DisconnectKinds.Network, $"connection lost: {e.Message}");
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stall.Dispose();
        await _body.DisposeAsync();
        _response.Dispose();
    }

    private async Task<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stall.Token);
        while (true)
        {
            if (TakeLine() is { } line)
            {
                if (line.IsEmpty)
                {
                    continue; // keep-alive
                }

                return line;
            }

            MakeRoom();
            _stall.CancelAfter(_stallTimeout);
            var read = await _body.ReadAsync(_buffer.AsMemory(_end), linked.Token);
            if (read == 0)
            {
                Failure = new StreamFailure(_time.GetUtcNow(), DisconnectKind.Network, DisconnectKinds.Closed, "stream closed by the server");
                return null;
            }

            LastByteAt = _time.GetUtcNow();
            _end += read;
        }
    }

    /// <summary>The next complete line in the buffer (line end removed), or null when none is complete yet.</summary>
    private ReadOnlyMemory<byte>? TakeLine()
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        var line = _buffer.AsMemory(_start, newline);
        _start += newline + 1;
        return line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
    }

    /// <summary>Moves the partial line to the front of the buffer, doubling the buffer when the line fills it.</summary>
    private void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxMessageBytes)
            {
                throw new IOException($"A stream message is longer than {MaxMessageBytes} bytes.");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
