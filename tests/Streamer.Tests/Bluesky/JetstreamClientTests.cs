using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake.Posts.Bluesky;
using TrendingTv.Fixtures.Bluesky;
using TrendingTv.Streamer.Sources.Bluesky;
using static TrendingTv.Fixtures.Bluesky.FakeJetstreamStep;

namespace TrendingTv.Streamer.Tests.Bluesky;

public sealed class JetstreamClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 5, 25, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(0.75); // 1 s initial delay, jitter fixed at the middle of its half
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingJetstreamMonitor _monitor = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30)); // a safety net, not timing
    private FakeJetstreamServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeJetstreamServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _timeout.CancelAsync();
        _timeout.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Real_events_arrive_as_received_with_identity_account_and_other_collections_counted_not_yielded()
    {
        var lines = JetstreamTestData.Lines(JetstreamTestData.Golden).Concat(JetstreamTestData.Lines(JetstreamTestData.Snippets)).ToArray();
        _server.Enqueue(FakeJetstreamConnection.Accept([.. lines.Select(Text)]));
        var client = Client();
        await using var messages = client.ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        var received = new List<JetstreamMessage>();
        for (var i = 0; i < 20; i++)
        {
            received.Add(await NextAsync(messages));
        }

        var expected = lines.Where(line => JetstreamEventReader.Read(Encoding.UTF8.GetBytes(line)).Kind is JetstreamEventKind.Post or JetstreamEventKind.Repost or JetstreamEventKind.Delete);
        Assert.Equal(expected, received.Select(m => Encoding.UTF8.GetString(m.Payload.Span)));
        Assert.All(received, m => Assert.Equal((Start, _server.SubscribeUri), (m.ReceivedAt, m.Instance)));
        Assert.Equal(
            new JetstreamStatistics { Messages = 33, Posts = 16, Reposts = 2, Deletes = 2, Identity = 2, Account = 2, OtherCollection = 9, Connections = 1 },
            client.Statistics);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("/subscribe", (long?)null), (request.Path, request.Cursor));
        Assert.Equal(["app.bsky.feed.post", "app.bsky.feed.repost"], request.WantedCollections);
        Assert.Equal(JetstreamConnectionStatus.Connected, client.State.Status);
    }

    [Fact]
    public async Task First_connection_resumes_from_the_committed_time_minus_the_margin()
    {
        _server.Enqueue(FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000))));
        await using var messages = Client().ReadAsync(1779719010000000, _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        await NextAsync(messages);

        Assert.Equal(1779719005000000, Assert.Single(_server.Requests).Cursor);
        Assert.Empty(_monitor.Gaps);
    }

    [Fact]
    public async Task Mid_message_disconnect_reconnects_from_the_newest_event_and_the_message_arrives_whole()
    {
        var cut = PostEvent(1779719003000000, "cut short");
        _server.Enqueue(
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000)), Text(PostEvent(1779719008000000)), PartialThenDrop(cut, 60)),
            FakeJetstreamConnection.Accept(Text(cut)));
        var client = Client();
        await using var messages = client.ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        await NextAsync(messages);
        await NextAsync(messages);
        var whole = await NextAsync(messages);

        Assert.Equal(cut, Encoding.UTF8.GetString(whole.Payload.Span));
        Assert.Equal([null, 1779719004000000], _server.Requests.Select(r => r.Cursor));
        var wait = Assert.Single(_monitor.States, s => s.Status == JetstreamConnectionStatus.WaitingToReconnect);
        Assert.StartsWith("connection lost: ", wait.Reason, StringComparison.Ordinal);
        Assert.Equal((FirstWait, 1, (long?)1779719004000000), (wait.RetryIn, wait.Attempt, wait.CursorTimeUs));
        var gap = Assert.Single(_monitor.Gaps);
        Assert.Equal((Start, Start + FirstWait, wait.Reason), (gap.From, gap.To, gap.Reason));
        Assert.Equal((2L, 1L), (client.Statistics.Connections, client.Statistics.Failures));
    }

    [Fact]
    public async Task Stall_drops_the_connection_after_the_stall_timeout_and_reconnects()
    {
        _server.Enqueue(
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000))),
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719010000000))));
        var client = Client();
        await using var messages = client.ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);
        await NextAsync(messages);

        var next = NextAsync(messages);
        _time.Advance(TimeSpan.FromSeconds(30));
        var after = await next;

        Assert.Equal(1779719010000000, after.Event.TimeUs);
        var gap = Assert.Single(_monitor.Gaps);
        Assert.Equal("stalled: no data for 30 s", gap.Reason);
        Assert.Equal((Start, Start + TimeSpan.FromSeconds(30) + FirstWait), (gap.From, gap.To));
        Assert.Equal(1779719004000000, _server.Requests[1].Cursor);
    }

    [Fact]
    public async Task Silence_shorter_than_the_stall_timeout_keeps_the_connection_and_each_message_restarts_the_timer()
    {
        var gate = new TaskCompletionSource();
        _server.Enqueue(FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000)), WaitFor(gate.Task), Text(PostEvent(1779719010000000))));
        var client = Client();
        await using var messages = client.ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);
        await NextAsync(messages);

        // A stall timer that fired here would cut the connection at once (cancellation runs inside Advance), and the
        // second message would never come: the next connection of this script is silent.
        _time.Advance(TimeSpan.FromSeconds(29.999));
        gate.SetResult();
        var second = await NextAsync(messages);

        Assert.Equal(1779719010000000, second.Event.TimeUs);
        Assert.Single(_server.Requests);
        Assert.Equal((0L, JetstreamConnectionStatus.Connected), (client.Statistics.Failures, client.State.Status));
    }

    [Fact]
    public async Task Close_frame_with_an_error_is_a_failure_with_the_servers_reason()
    {
        _server.Enqueue(
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000)), Close(WebSocketCloseStatus.InternalServerError, "jetstream is overloaded")),
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719010000000))));
        await using var messages = Client().ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        await NextAsync(messages);
        await NextAsync(messages);

        var wait = Assert.Single(_monitor.States, s => s.Status == JetstreamConnectionStatus.WaitingToReconnect);
        Assert.Equal("closed by 127.0.0.1 (1011 InternalServerError: jetstream is overloaded)", wait.Reason);
        Assert.Equal(wait.Reason, Assert.Single(_monitor.Gaps).Reason);
    }

    [Fact]
    public async Task Ten_megabyte_message_is_dropped_unbuffered_counted_and_yielded_for_quarantine_with_its_start()
    {
        var huge = PostEvent(1779719009500000, new string('a', 10 << 20));
        _server.Enqueue(FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000)), Text(huge), Text(PostEvent(1779719010000000))));
        var client = Client();
        await using var messages = client.ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        await NextAsync(messages);
        var dropped = await NextAsync(messages);
        var after = await NextAsync(messages);

        Assert.Equal(JetstreamEventKind.Malformed, dropped.Event.Kind);
        Assert.Equal(
            $"a message of {Encoding.UTF8.GetByteCount(huge)} bytes, over the 65536-byte limit: dropped (first 1024 bytes kept)",
            dropped.Event.MalformedReason);
        Assert.Equal(Encoding.UTF8.GetBytes(huge)[..1024], dropped.Payload.ToArray());
        Assert.Equal(1779719010000000, after.Event.TimeUs);
        Assert.Equal((1L, 0L, 1L, 0L), (client.Statistics.OverSize, client.Statistics.Malformed, client.Statistics.Connections, client.Statistics.Failures));
    }

    [Fact]
    public async Task Message_of_exactly_the_limit_in_many_frames_arrives_whole_and_one_byte_more_does_not()
    {
        var exact = Padded(PostEvent(1779719009000000, "x"), 65536);
        var over = Padded(PostEvent(1779719009100000, "x"), 65537);
        _server.Enqueue(FakeJetstreamConnection.Accept(Fragmented(exact, 1000), Fragmented(over, 1000)));
        await using var messages = Client().ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        var first = await NextAsync(messages);
        var second = await NextAsync(messages);

        Assert.Equal(JetstreamEventKind.Post, first.Event.Kind);
        Assert.Equal(exact, Encoding.UTF8.GetString(first.Payload.Span));
        Assert.StartsWith("a message of 65537 bytes, over the 65536-byte limit", second.Event.MalformedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_frames_are_quarantined_with_their_reason_and_reading_goes_on()
    {
        var invalidUtf8 = Encoding.UTF8.GetBytes(PostEvent(1779719009300000, "caf#"));
        invalidUtf8[Array.IndexOf(invalidUtf8, (byte)'#')] = 0xC3;
        _server.Enqueue(
            FakeJetstreamConnection.Accept(
                Bytes(Encoding.UTF8.GetBytes(PostEvent(1779719009000000)), WebSocketMessageType.Binary),
                Text("not json"),
                Text("[1,2]"),
                Text("""{"did":"did:plc:abc","time_us":1779719009100000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"3k","record":{}}}"""),
                Text(PostEvent(1779719009200000)),
                Bytes(invalidUtf8)),
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719010000000))));
        var client = Client();
        await using var messages = client.ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        var received = new List<JetstreamMessage>();
        for (var i = 0; i < 6; i++)
        {
            received.Add(await NextAsync(messages));
        }

        Assert.Equal(
            [
                $"a binary frame of {Encoding.UTF8.GetByteCount(PostEvent(1779719009000000))} bytes (Jetstream sends JSON text; compression was not asked for)",
                "not valid JSON: ",
                "the message is an array, not a JSON object",
                "a post record without 'text'",
                string.Empty,
                string.Empty,
            ],
            received.Select(m => m.Event.MalformedReason is { } reason && reason.StartsWith("not valid JSON: ", StringComparison.Ordinal) ? "not valid JSON: " : m.Event.MalformedReason ?? string.Empty));
        Assert.Equal("not json", Encoding.UTF8.GetString(received[1].Payload.Span));
        Assert.Equal([1779719009200000, 1779719010000000], received.Where(m => m.Event.Kind == JetstreamEventKind.Post).Select(m => m.Event.TimeUs));
        // The WebSocket layer rejects a text frame that is not UTF-8 by failing the connection (close code 1007).
        var wait = Assert.Single(_monitor.States, s => s.Status == JetstreamConnectionStatus.WaitingToReconnect);
        Assert.StartsWith("connection lost: ", wait.Reason, StringComparison.Ordinal);
        Assert.Equal((4L, 2L), (client.Statistics.Malformed, client.Statistics.Posts));
    }

    [Fact]
    public async Task Cursor_follows_the_newest_event_read_across_reconnects_even_out_of_order()
    {
        _server.Enqueue(
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000)), Text(PostEvent(1779719012000000)), Text(PostEvent(1779719010000000)), Drop),
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719011000000)), Text(PostEvent(1779719020000000)), Drop),
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719019000000))));
        await using var messages = Client().ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        for (var i = 0; i < 6; i++)
        {
            await NextAsync(messages);
        }

        Assert.Equal([null, 1779719007000000, 1779719015000000], _server.Requests.Select(r => r.Cursor));
        Assert.All(_server.Requests, r => Assert.Equal(["app.bsky.feed.post", "app.bsky.feed.repost"], r.WantedCollections));
        Assert.DoesNotContain(_monitor.Gaps, g => g.Reason.Contains("older than", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failure_before_any_event_resumes_from_when_the_read_started()
    {
        _server.Enqueue(FakeJetstreamConnection.Refuse(502), FakeJetstreamConnection.Accept(Text(PostEvent(1779717600000000))));
        await using var messages = Client().ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        await NextAsync(messages);

        // Start is 2026-05-25T14:00:00Z = 1779717600 s; minus the 5 s margin.
        Assert.Equal([null, 1779717595000000], _server.Requests.Select(r => r.Cursor));
    }

    [Fact]
    public async Task Refused_first_instance_fails_over_to_the_second()
    {
        await using var second = await FakeJetstreamServer.StartAsync();
        _server.Enqueue(FakeJetstreamConnection.Refuse(503));
        second.Enqueue(FakeJetstreamConnection.Accept(Text(PostEvent(1779717601000000))));
        await using var messages = Client(_server.SubscribeUri, second.SubscribeUri).ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        var message = await NextAsync(messages);

        Assert.Equal(second.SubscribeUri, message.Instance);
        Assert.Single(_server.Requests);
        Assert.Single(second.Requests);
        Assert.Equal(
            [
                (JetstreamConnectionStatus.Connecting, _server.SubscribeUri),
                (JetstreamConnectionStatus.WaitingToReconnect, second.SubscribeUri),
                (JetstreamConnectionStatus.Connecting, second.SubscribeUri),
                (JetstreamConnectionStatus.Connected, second.SubscribeUri),
            ],
            _monitor.States.Select(s => (s.Status, s.Instance!)));
        Assert.Equal("127.0.0.1 refused the connection: HTTP 503 ServiceUnavailable", _monitor.States[1].Reason);
        var gap = Assert.Single(_monitor.Gaps);
        Assert.Equal((Start, Start + FirstWait), (gap.From, gap.To));
    }

    [Fact]
    public async Task Unreachable_instance_fails_over_and_the_list_wraps_around()
    {
        var closedPort = new Uri("ws://127.0.0.1:9/subscribe"); // discard port: nothing listens
        _server.Enqueue(FakeJetstreamConnection.Refuse(500), FakeJetstreamConnection.Accept(Text(PostEvent(1779717601000000))));
        await using var messages = Client(_server.SubscribeUri, closedPort).ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        var message = await NextAsync(messages);

        Assert.Equal(_server.SubscribeUri, message.Instance);
        var reasons = _monitor.States.Where(s => s.Status == JetstreamConnectionStatus.WaitingToReconnect).Select(s => s.Reason!).ToArray();
        Assert.Equal(2, reasons.Length);
        Assert.Equal("127.0.0.1 refused the connection: HTTP 500 InternalServerError", reasons[0]);
        Assert.StartsWith("connecting to 127.0.0.1 failed: ", reasons[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backoff_doubles_with_each_failure_in_a_row_waits_on_the_clock_and_starts_afresh_once_data_flows()
    {
        _server.Enqueue(
            FakeJetstreamConnection.Refuse(),
            FakeJetstreamConnection.Refuse(),
            FakeJetstreamConnection.Refuse(),
            FakeJetstreamConnection.Refuse(),
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000)), Drop),
            FakeJetstreamConnection.Refuse(),
            FakeJetstreamConnection.Accept(Text(PostEvent(1779719010000000))));
        await using var messages = Client().ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        await NextAsync(messages);
        await NextAsync(messages);

        var waits = _monitor.States.Where(s => s.Status == JetstreamConnectionStatus.WaitingToReconnect).ToArray();
        Assert.Equal([0.75, 1.5, 3, 6, 0.75, 1.5], waits.Select(w => w.RetryIn!.Value.TotalSeconds));
        Assert.Equal([1, 2, 3, 4, 1, 2], waits.Select(w => w.Attempt));
        // Each attempt starts only when the fake clock has moved by the whole wait before it.
        Assert.Equal(
            [0, 0.75, 2.25, 5.25, 11.25, 12, 13.5],
            _monitor.States.Where(s => s.Status == JetstreamConnectionStatus.Connecting).Select(s => (s.Since - Start).TotalSeconds));
    }

    [Fact]
    public async Task Cursor_older_than_the_instance_keeps_is_reported_as_a_gap()
    {
        _server.Enqueue(FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000))));
        await using var messages = Client().ReadAsync(1779632600000000, _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        await NextAsync(messages);

        var gap = Assert.Single(_monitor.Gaps);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1779632595000), gap.From);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1779719009000), gap.To);
        Assert.Contains("the cursor is older than the instance keeps", gap.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_ends_the_read_and_the_state_is_stopped()
    {
        _server.Enqueue(FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000))));
        var client = Client();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        await using var messages = client.ReadAsync(cancellationToken: stop.Token).GetAsyncEnumerator(stop.Token);
        await NextAsync(messages);

        var next = messages.MoveNextAsync();
        await stop.CancelAsync();

        Assert.False(await next);
        Assert.Equal(JetstreamConnectionStatus.Stopped, client.State.Status);
        Assert.Equal(0, client.Statistics.Failures);
    }

    [Fact]
    public async Task Payloads_are_copied_by_the_callers_copier()
    {
        _server.Enqueue(FakeJetstreamConnection.Accept(Text(PostEvent(1779719009000000))));
        var copies = 0;
        var client = new JetstreamClient(
            Microsoft.Extensions.Options.Options.Create(Options(_server.SubscribeUri)), _monitor, _time, jitter: new MiddleRandom(), copyPayload: bytes =>
            {
                copies++;
                return bytes.ToArray();
            });
        await using var messages = client.ReadAsync(cancellationToken: _timeout.Token).GetAsyncEnumerator(_timeout.Token);

        await NextAsync(messages);

        Assert.Equal(1, copies);
    }

    /// <summary>The next message, advancing the fake clock past each reconnect wait announced meanwhile.</summary>
    private async Task<JetstreamMessage> NextAsync(IAsyncEnumerator<JetstreamMessage> messages)
    {
        var next = messages.MoveNextAsync().AsTask();
        while (true)
        {
            var announced = _monitor.Waits.Reader.WaitToReadAsync(_timeout.Token).AsTask();
            if (await Task.WhenAny(next, announced) == next)
            {
                Assert.True(await next);
                return messages.Current;
            }

            while (_monitor.Waits.Reader.TryRead(out var wait))
            {
                _time.Advance(wait.RetryIn!.Value);
            }
        }
    }

    private JetstreamClient Client(params Uri[] instances) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(instances.Length > 0 ? instances : [_server.SubscribeUri])), _monitor, _time, jitter: new MiddleRandom());

    private static BlueskyOptions Options(params Uri[] instances) => new()
    {
        Instances = [.. instances.Select(uri => uri.AbsoluteUri)],
        MaxMessageBytes = 64 * 1024,
        StallTimeout = TimeSpan.FromSeconds(30),
        CursorMargin = TimeSpan.FromSeconds(5),
        ReconnectDelayInitial = TimeSpan.FromSeconds(1),
        ReconnectDelayMax = TimeSpan.FromMinutes(1),
    };

    /// <summary>A post create event relayed at <paramref name="timeUs"/>.</summary>
    private static string PostEvent(long timeUs, string text = "Watching Severance tonight") =>
        """{"did":"did:plc:g6ifxgrzi22eaemi4lc5pyr2","time_us":TIME,"kind":"commit","commit":{"rev":"3mbifys4uz42r","operation":"create","collection":"app.bsky.feed.post","rkey":"3mbifys26vc2z","record":{"$type":"app.bsky.feed.post","createdAt":"2026-01-03T02:57:45.138Z","langs":["en"],"text":TEXT},"cid":"bafyreic7t2o4m3wdeejy46oidl7annxcpqfj243ldamylkxxo3rly3xxgi"}}"""
            .Replace("TIME", timeUs.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("TEXT", System.Text.Json.JsonSerializer.Serialize(text), StringComparison.Ordinal);

    /// <summary>A post event grown to exactly <paramref name="bytes"/> bytes by lengthening its text.</summary>
    private static string Padded(string postEvent, int bytes) =>
        postEvent.Replace("\"text\":\"x\"", "\"text\":\"" + new string('x', bytes - Encoding.UTF8.GetByteCount(postEvent) + 1) + "\"", StringComparison.Ordinal);

    /// <summary>Jitter fixed at the middle, so each wait is three quarters of its step.</summary>
    private sealed class MiddleRandom : Random
    {
        public override double NextDouble() => 0.5;
    }
}
