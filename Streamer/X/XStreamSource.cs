using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.X;

/// <summary>
/// The live capture source: reads the X v2 filtered stream as newline-delimited JSON, tolerating
/// the <c>\r\n</c> keep-alives, and yields each post with its payload exactly as received and the
/// receive time from the <see cref="TimeProvider"/>. It reconnects forever (until cancelled):
/// a stall (no byte for <see cref="XOptions.StallTimeout"/>), a network failure, or the server
/// closing the stream back off per <see cref="ReconnectBackoff"/>. Each disconnect gap (from the
/// last byte or failure to the next successful connection) is recorded in the capture store.
/// </summary>
public sealed class XStreamSource
{
    private const int InitialBufferSize = 64 << 10;
    private const int MaxMessageBytes = 16 << 20;
    private readonly XApiClient _client;
    private readonly XOptions _options;
    private readonly CaptureStore? _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReconnectBackoff _backoff = new();
    private readonly PayloadArena _payloads = new(); // written by the one ReadAsync loop a stream connection allows

    public XStreamSource(XApiClient client, IOptions<XOptions> options, CaptureStore? store = null, TimeProvider? time = null, ILogger<XStreamSource>? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _store = store;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after a failure, once the wait before the next attempt has started.</summary>
    public event EventHandler<ReconnectScheduledEventArgs>? ReconnectScheduled;

    /// <summary>Raised when a connection is established (HTTP 200).</summary>
    public event EventHandler? Connected;

    /// <summary>Non-post messages seen (errors-only envelopes, e.g. an operational disconnect notice).</summary>
    public long NotPostMessages { get; private set; }

    /// <summary>Yields posts until <paramref name="cancellationToken"/> is cancelled, reconnecting as needed.</summary>
    public async IAsyncEnumerable<CapturedPost> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        DateTimeOffset? disconnectedAt = null;
        string? disconnectReason = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            DisconnectKind kind;
            string reason;
            HttpResponseMessage? response = null;
            try
            {
                response = await _client.OpenStreamAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                kind = DisconnectKind.Network;
                reason = $"connect failed: {e.Message}";
                disconnectedAt ??= _time.GetUtcNow();
                disconnectReason ??= reason;
                await WaitAsync(kind, reason, cancellationToken);
                continue;
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    kind = response.StatusCode == HttpStatusCode.TooManyRequests ? DisconnectKind.RateLimited : DisconnectKind.Http;
                    reason = await XApiClient.DescribeErrorAsync(response, cancellationToken);
                    disconnectedAt ??= _time.GetUtcNow();
                    disconnectReason ??= reason;
                    _logger.LogWarning("X stream connection refused: {Reason}", reason);
                    await WaitAsync(kind, reason, cancellationToken);
                    continue;
                }

                _backoff.Reset();
                var connectedAt = _time.GetUtcNow();
                if (disconnectedAt is { } start)
                {
                    var gap = new DisconnectGap(start, connectedAt, disconnectReason ?? "disconnected");
                    _logger.LogWarning("X stream reconnected after a gap of {Gap} ({Reason}).", gap.Duration, gap.Reason);
                    if (_store is not null)
                    {
                        await _store.RecordGapAsync(gap, CancellationToken.None);
                    }

                    disconnectedAt = null;
                    disconnectReason = null;
                }

                _logger.LogInformation("X stream connected.");
                Connected?.Invoke(this, EventArgs.Empty);
                var session = new Session(this, await response.Content.ReadAsStreamAsync(cancellationToken), connectedAt);
                try
                {
                    while (true)
                    {
                        CapturedPost? post;
                        try
                        {
                            post = await session.NextPostAsync(cancellationToken);
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            yield break;
                        }
                        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
                        {
                            session.Failure = session.Stalled
                                ? $"stalled: no data for {_options.StallTimeout.TotalSeconds:0.#} s"
                                : $"connection lost: {e.Message}";
                            break;
                        }

                        if (post is null)
                        {
                            session.Failure ??= "stream closed by the server";
                            break;
                        }

                        yield return post;
                    }
                }
                finally
                {
                    await session.DisposeAsync();
                }

                reason = session.Failure!;
                disconnectedAt = session.Stalled ? session.LastByteAt : _time.GetUtcNow();
                disconnectReason = reason;
                _logger.LogWarning("X stream disconnected: {Reason}", reason);
                await WaitAsync(DisconnectKind.Network, reason, cancellationToken);
            }
        }
    }

    private async Task WaitAsync(DisconnectKind kind, string reason, CancellationToken cancellationToken)
    {
        var delay = _backoff.Next(kind);
        // Start the timer before announcing it, so an observer advancing a fake clock never misses it.
        var wait = Task.Delay(delay, _time, cancellationToken);
        ReconnectScheduled?.Invoke(this, new ReconnectScheduledEventArgs(kind, delay, _backoff.Attempt, reason));
        _logger.LogInformation("Reconnecting to the X stream in {Delay} ({Kind} attempt {Attempt}).", delay, kind, _backoff.Attempt);
        try
        {
            await wait;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One connection: splits the body into lines and turns them into posts.</summary>
    private sealed class Session(XStreamSource owner, Stream body, DateTimeOffset connectedAt) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stall = new(Timeout.InfiniteTimeSpan, owner._time);
        private byte[] _buffer = new byte[InitialBufferSize];
        private int _start;
        private int _end;

        public DateTimeOffset LastByteAt { get; private set; } = connectedAt;

        public bool Stalled => _stall.IsCancellationRequested;

        public string? Failure { get; set; }

        public async Task<CapturedPost?> NextPostAsync(CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stall.Token);
            while (true)
            {
                var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var line = _buffer.AsSpan(_start, newline);
                    _start += newline + 1;
                    if (line.Length > 0 && line[^1] == (byte)'\r')
                    {
                        line = line[..^1];
                    }

                    if (line.IsEmpty)
                    {
                        continue; // keep-alive
                    }

                    if (owner.ToPost(line) is { } post)
                    {
                        return post;
                    }

                    continue;
                }

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

                _stall.CancelAfter(owner._options.StallTimeout);
                var read = await body.ReadAsync(_buffer.AsMemory(_end), linked.Token);
                if (read == 0)
                {
                    return null;
                }

                LastByteAt = owner._time.GetUtcNow();
                _end += read;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stall.Dispose();
            await body.DisposeAsync();
        }
    }

    private CapturedPost? ToPost(ReadOnlySpan<byte> line)
    {
        try
        {
            if (PostEnvelope.Read(line, out var id, out var createdAt) == PayloadKind.Post)
            {
                var receivedAt = _time.GetUtcNow();
                return new CapturedPost(id, createdAt ?? receivedAt, receivedAt, _payloads.Copy(line));
            }

            NotPostMessages++;
            _logger.LogWarning("X stream message without a post: {Message}", Truncate(Encoding.UTF8.GetString(line)));
        }
        catch (JsonException e)
        {
            _logger.LogWarning("X stream line is not JSON ({Error}): {Line}", e.Message, Truncate(Encoding.UTF8.GetString(line)));
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
