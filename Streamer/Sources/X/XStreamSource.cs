using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrendingTv.DataLake.Posts;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Sources.X;

/// <summary>
/// The live X source: reads the v2 filtered stream as newline-delimited JSON and yields each post with its payload
/// exactly as received and the receive time from the <see cref="TimeProvider"/>. It reconnects until cancelled: a
/// stall (no byte for <see cref="XOptions.StallTimeout"/>), a network failure, an HTTP error or the server closing
/// the stream back off per <see cref="ReconnectBackoff"/>; each failure and each connection is reported to the
/// <see cref="IConnectionReporter"/> (which records the gaps). HTTP 401/403 stop it with a
/// <see cref="SourceRefusedException"/>: a refused token does not heal by retrying.
/// </summary>
public sealed class XStreamSource : ICaptureSource
{
    private readonly XApiClient _client;
    private readonly XOptions _options;
    private readonly IConnectionReporter? _reporter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReconnectBackoff _backoff = new();
    private readonly PayloadArena _payloads = new(); // written by the one ReadAsync loop a stream connection allows

    public XStreamSource(XApiClient client, IOptions<XOptions> options, IConnectionReporter? reporter = null, TimeProvider? time = null, ILogger<XStreamSource>? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _reporter = reporter;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after a failure, once the wait before the next attempt has started.</summary>
    public event EventHandler<ReconnectScheduledEventArgs>? ReconnectScheduled;

    /// <summary>Raised when a connection is established (HTTP 200).</summary>
    public event EventHandler? Connected;

    public string Name => PostSources.X;

    /// <summary>X filters on its side (the stream rules): everything received is yielded.</summary>
    public SeenTally? Filtered => null;

    /// <summary>Non-post messages seen (errors-only envelopes, e.g. an operational disconnect notice).</summary>
    public long NotPostMessages { get; private set; }

    /// <summary>Yields posts until <paramref name="cancellationToken"/> is cancelled, reconnecting as needed.</summary>
    public IAsyncEnumerable<CapturedPost> ReadAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(new Dictionary<string, long>(), cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<CapturedPost> ReadAsync(IReadOnlyDictionary<string, long> checkpoints, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (connection, failure) = await ConnectAsync(cancellationToken);
            if (connection is null)
            {
                if (failure is not null)
                {
                    await ReportAndWaitAsync(failure, cancellationToken);
                }

                continue;
            }

            await using (connection)
            {
                await ReportConnectedAsync(connection.ConnectedAt, cancellationToken);
                while (await connection.NextLineAsync(cancellationToken) is { } line)
                {
                    if (ToPost(line.Span) is { } post)
                    {
                        yield return post;
                    }
                }
            }

            if (connection.Failure is { } ended)
            {
                await ReportAndWaitAsync(ended, cancellationToken);
            }
        }
    }

    /// <summary>One connection attempt: the open connection, or why there is none (neither when cancelled).</summary>
    private async Task<(XStreamConnection? Connection, StreamFailure? Failure)> ConnectAsync(CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _client.OpenStreamAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return (null, new StreamFailure(_time.GetUtcNow(), DisconnectKind.Network, DisconnectKinds.Network, $"connect failed: {e.Message}"));
        }

        if (response.IsSuccessStatusCode)
        {
            return (await XStreamConnection.OpenAsync(response, _options.StallTimeout, _time, cancellationToken), null);
        }

        using (response)
        {
            return (null, await ClassifyRefusalAsync(response, cancellationToken));
        }
    }

    /// <summary>An HTTP error's backoff kind; 401/403 are reported and thrown as <see cref="SourceRefusedException"/>.</summary>
    private async Task<StreamFailure> ClassifyRefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var reason = await XApiClient.DescribeErrorAsync(response, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            await ReportDisconnectedAsync(new StreamFailure(at, DisconnectKind.Http, DisconnectKinds.Refused, reason));
            throw new SourceRefusedException($"X refused the stream connection ({reason}); check X__BearerToken and the app's stream access.");
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests
            ? new StreamFailure(at, DisconnectKind.RateLimited, DisconnectKinds.RateLimited, reason)
            : new StreamFailure(at, DisconnectKind.Http, DisconnectKinds.Http, reason);
    }

    private async Task ReportConnectedAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        _backoff.Reset();
        _logger.LogInformation("X stream connected.");
        if (_reporter is not null)
        {
            await _reporter.ConnectedAsync(Name, at, cancellationToken);
        }

        Connected?.Invoke(this, EventArgs.Empty);
    }

    private async Task ReportDisconnectedAsync(StreamFailure failure)
    {
        _logger.LogWarning("X stream not connected: {Reason}", failure.Reason);
        if (_reporter is not null)
        {
            // Recorded even when shutting down: the gap is real.
            await _reporter.DisconnectedAsync(Name, failure.Since, failure.Kind, failure.Reason, CancellationToken.None);
        }
    }

    /// <summary>Reports a failure (unless shutting down) and waits out its backoff.</summary>
    private async Task ReportAndWaitAsync(StreamFailure failure, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        await ReportDisconnectedAsync(failure);
        var delay = _backoff.Next(failure.Backoff);
        // Start the timer before announcing it, so an observer advancing a fake clock never misses it.
        var wait = Task.Delay(delay, _time, cancellationToken);
        ReconnectScheduled?.Invoke(this, new ReconnectScheduledEventArgs(failure.Backoff, delay, _backoff.Attempt, failure.Reason));
        _logger.LogInformation("Reconnecting to the X stream in {Delay} ({Kind} attempt {Attempt}).", delay, failure.Backoff, _backoff.Attempt);
        try
        {
            await wait;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private CapturedPost? ToPost(ReadOnlySpan<byte> line)
    {
        var payload = RawPostReader.Read(line);
        switch (payload.Kind)
        {
            case RawPayloadKind.Post:
                return new CapturedPost(Name, payload.Id, payload.CreatedAt, _time.GetUtcNow(), _payloads.Copy(line));
            case RawPayloadKind.NotAPost when payload.Detail == "blank":
                return null; // a keep-alive
            case RawPayloadKind.NotAPost:
                NotPostMessages++;
                _logger.LogWarning("X stream message without a post: {Message}", Truncate(Encoding.UTF8.GetString(line)));
                return null;
            default:
                _logger.LogWarning("X stream line is not a post ({Error}): {Line}", payload.Detail, Truncate(Encoding.UTF8.GetString(line)));
                return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
