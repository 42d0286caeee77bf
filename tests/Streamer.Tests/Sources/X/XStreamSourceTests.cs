using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrendingTv.DataLake.Posts;
using TrendingTv.Fixtures.X;
using TrendingTv.Streamer.Capture;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Sources;
using TrendingTv.Streamer.Sources.X;

namespace TrendingTv.Streamer.Tests.Sources.X;

public sealed class XStreamSourceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly Channel<ReconnectScheduledEventArgs> _reconnects = Channel.CreateUnbounded<ReconnectScheduledEventArgs>();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30)); // a safety net, not timing
    private readonly HttpClient _http = XTestClient.Http();
    private readonly string _folder = TestFiles.NewScratchFolder();
    private FakeXServer _server = null!;
    private ConnectionLog _log = null!;
    private ConnectionRecorder _recorder = null!;
    private XStreamSource _source = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeXServer.StartAsync();
        _log = ConnectionLog.Open(CaptureDatabase.Open(Path.Combine(_folder, "capture.db")));
        _recorder = new ConnectionRecorder(_log, _time, NullLogger<ConnectionRecorder>.Instance);
        await _recorder.StartSessionAsync(PostSources.X, CancellationToken.None);
        _source = new XStreamSource(XTestClient.Create(_server, _http), XTestClient.Options(_server), _recorder, _time);
        _source.ReconnectScheduled += (_, e) => _reconnects.Writer.TryWrite(e);
    }

    public async Task DisposeAsync()
    {
        await _timeout.CancelAsync();
        _timeout.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string V2Post(long id, string text = "Watching #TheCrown") =>
        $$$"""{"data":{"id":"{{{id}}}","created_at":"2026-11-28T09:59:58.000Z","text":"{{{text}}}","lang":"en","entities":{"hashtags":[{"start":9,"end":18,"tag":"TheCrown"}]}},"matching_rules":[{"id":"1","tag":"65494"}]}""";

    /// <summary>The next post, advancing the fake clock past each reconnect wait announced meanwhile.</summary>
    private async Task<CapturedPost> NextAsync(IAsyncEnumerator<CapturedPost> posts, List<ReconnectScheduledEventArgs> seen)
    {
        var next = posts.MoveNextAsync().AsTask();
        while (true)
        {
            var announced = _reconnects.Reader.WaitToReadAsync(_timeout.Token).AsTask();
            if (await Task.WhenAny(next, announced) == next)
            {
                Assert.True(await next);
                return posts.Current;
            }

            while (_reconnects.Reader.TryRead(out var reconnect))
            {
                seen.Add(reconnect);
                _time.Advance(reconnect.Delay);
            }
        }
    }

    [Fact]
    public async Task Posts_arrive_as_received_between_keep_alives_with_the_full_text_fields_requested()
    {
        _server.Enqueue(FakeXConnection.Accept(FakeXStreamStep.Heartbeat, FakeXStreamStep.Message(V2Post(1)), FakeXStreamStep.Heartbeat, FakeXStreamStep.Heartbeat, FakeXStreamStep.Message(V2Post(2))));
        await using var posts = _source.ReadAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);

        Assert.True(await posts.MoveNextAsync());
        var first = posts.Current;
        Assert.True(await posts.MoveNextAsync());

        Assert.Equal(1, first.Id);
        Assert.Equal(2, posts.Current.Id);
        Assert.Equal(V2Post(1), System.Text.Encoding.UTF8.GetString(first.Payload.Span));
        Assert.Equal(Start, first.ReceivedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T09:59:58Z", System.Globalization.CultureInfo.InvariantCulture), first.CreatedAt);
        var query = Assert.Single(_server.StreamQueries);
        Assert.Contains("tweet.fields=created_at,lang,entities,note_tweet,referenced_tweets", query, StringComparison.Ordinal);
        Assert.Contains("expansions=referenced_tweets.id", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_errors_and_429_back_off_as_documented_and_the_gap_is_recorded()
    {
        _server.Enqueue(
            FakeXConnection.Refuse(503, "Service Unavailable"),
            FakeXConnection.Refuse(503, "Service Unavailable"),
            FakeXConnection.Refuse(429, "Too Many Requests"),
            FakeXConnection.Refuse(429, "Too Many Requests"),
            FakeXConnection.Accept(FakeXStreamStep.Message(V2Post(7))));
        await using var posts = _source.ReadAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);
        var next = posts.MoveNextAsync().AsTask();

        var waits = new List<(DisconnectKind, TimeSpan)>();
        for (var i = 0; i < 4; i++)
        {
            var reconnect = await _reconnects.Reader.ReadAsync(_timeout.Token);
            waits.Add((reconnect.Kind, reconnect.Delay));
            Assert.False(next.IsCompleted);
            _time.Advance(reconnect.Delay);
        }

        Assert.True(await next);
        Assert.Equal(7, posts.Current.Id);
        Assert.Equal(
            [(DisconnectKind.Http, TimeSpan.FromSeconds(5)), (DisconnectKind.Http, TimeSpan.FromSeconds(10)), (DisconnectKind.RateLimited, TimeSpan.FromMinutes(1)), (DisconnectKind.RateLimited, TimeSpan.FromMinutes(2))],
            waits);
        var gap = Assert.Single(await _log.ReadGapsAsync());
        Assert.Equal(Start, gap.Start);
        Assert.Equal(Start + TimeSpan.FromSeconds(195), gap.End);
        Assert.Contains("503", gap.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mid_stream_disconnect_reconnects_after_250_ms_and_records_the_gap()
    {
        _server.Enqueue(
            FakeXConnection.Accept(FakeXStreamStep.Message(V2Post(1)), FakeXStreamStep.Disconnect),
            FakeXConnection.Accept(FakeXStreamStep.Heartbeat, FakeXStreamStep.Message(V2Post(2))));
        await using var posts = _source.ReadAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);
        var seen = new List<ReconnectScheduledEventArgs>();
        Assert.Equal(1, (await NextAsync(posts, seen)).Id);
        _time.Advance(TimeSpan.FromSeconds(3));
        _server.ReleaseDisconnect(); // post 1 has been read: the abort loses nothing

        Assert.Equal(2, (await NextAsync(posts, seen)).Id);

        var reconnect = Assert.Single(seen);
        Assert.Equal(DisconnectKind.Network, reconnect.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(250), reconnect.Delay);
        Assert.Equal(2, _server.ConnectionAttempts);
        var gap = Assert.Single(await _log.ReadGapsAsync(), g => g.Reason != ConnectionRecorder.Connecting);
        Assert.Equal(Start + TimeSpan.FromSeconds(3), gap.Start);
        Assert.Equal(TimeSpan.FromMilliseconds(250), gap.Duration);
    }

    [Fact]
    public async Task A_stall_of_30_seconds_without_a_byte_triggers_a_reconnect()
    {
        _server.Enqueue(
            FakeXConnection.Accept(FakeXStreamStep.Message(V2Post(1)), FakeXStreamStep.Stall),
            FakeXConnection.Accept(FakeXStreamStep.Message(V2Post(2))));
        await using var posts = _source.ReadAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);
        Assert.True(await posts.MoveNextAsync());
        var next = posts.MoveNextAsync().AsTask();

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, _server.ConnectionAttempts);
        Assert.False(_reconnects.Reader.TryPeek(out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        var reconnect = await _reconnects.Reader.ReadAsync(_timeout.Token);
        Assert.Equal(DisconnectKind.Network, reconnect.Kind);
        Assert.Contains("stalled", reconnect.Reason, StringComparison.Ordinal);
        _time.Advance(reconnect.Delay);

        Assert.True(await next);
        Assert.Equal(2, posts.Current.Id);
        var gap = Assert.Single(await _log.ReadGapsAsync(), g => g.Reason != ConnectionRecorder.Connecting);
        Assert.Equal(Start, gap.Start); // the last byte arrived at the start
        Assert.Equal(Start + TimeSpan.FromSeconds(30.25), gap.End);
    }

    [Fact]
    public async Task Every_session_starts_with_a_connecting_gap_that_the_first_connection_closes()
    {
        _server.Enqueue(FakeXConnection.Accept(FakeXStreamStep.Message(V2Post(1))));
        await using var posts = _source.ReadAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);

        Assert.True(await posts.MoveNextAsync());

        var gap = Assert.Single(await _log.ReadGapsAsync());
        Assert.Equal(new SourceGap(PostSources.X, Start, Start, ConnectionRecorder.Connecting), gap);
    }

    [Fact]
    public async Task An_errors_only_message_is_not_a_post()
    {
        _server.Enqueue(FakeXConnection.Accept(
            FakeXStreamStep.Message("""{"errors":[{"title":"operational-disconnect","disconnect_type":"UpstreamOperationalDisconnect","detail":"This stream has been disconnected upstream for operational reasons.","type":"https://api.twitter.com/2/problems/operational-disconnect"}]}"""),
            FakeXStreamStep.Message(V2Post(3))));
        await using var posts = _source.ReadAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);

        Assert.True(await posts.MoveNextAsync());

        Assert.Equal(3, posts.Current.Id);
        Assert.Equal(1, _source.NotPostMessages);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_refused_token_stops_the_source_with_a_clear_error_and_records_the_gap(int status)
    {
        _server.Enqueue(FakeXConnection.Refuse(status, "Unauthorized"));
        await using var posts = _source.ReadAsync(_timeout.Token).GetAsyncEnumerator(_timeout.Token);

        var error = await Assert.ThrowsAsync<SourceRefusedException>(async () => await posts.MoveNextAsync());

        Assert.Contains("X__BearerToken", error.Message, StringComparison.Ordinal);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.ConnectionAttempts);
        _time.Advance(TimeSpan.FromMinutes(1));
        var outcome = await _recorder.EndSessionAsync(PostSources.X);
        Assert.False(outcome.EverConnected);
        var gap = Assert.Single(await _log.ReadGapsAsync());
        Assert.Equal((Start, Start + TimeSpan.FromMinutes(1), false), (gap.Start, gap.End, gap.Open));
    }

    [Fact]
    public async Task A_stream_that_never_connects_leaves_one_gap_from_the_first_failure_to_the_stop()
    {
        var closed = await FakeXServer.StartAsync();
        var baseUrl = closed.BaseAddress;
        await closed.DisposeAsync(); // nothing listens there any more: every connect is refused
        var options = Microsoft.Extensions.Options.Options.Create(new XOptions { BearerToken = "t", BaseUrl = baseUrl.ToString() });
        var source = new XStreamSource(new XApiClient(_http, options), options, _recorder, _time);
        source.ReconnectScheduled += (_, e) => _reconnects.Writer.TryWrite(e);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        await using var posts = source.ReadAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var next = posts.MoveNextAsync().AsTask();

        for (var i = 0; i < 3; i++)
        {
            var reconnect = await _reconnects.Reader.ReadAsync(_timeout.Token);
            Assert.Equal(DisconnectKind.Network, reconnect.Kind);
            Assert.Contains("connect failed", reconnect.Reason, StringComparison.Ordinal);
            _time.Advance(reconnect.Delay);
        }

        await stop.CancelAsync();
        Assert.False(await next);
        var outcome = await _recorder.EndSessionAsync(PostSources.X);

        Assert.False(outcome.EverConnected);
        var gap = Assert.Single(await _log.ReadGapsAsync());
        Assert.Equal(Start, gap.Start);
        Assert.Equal(Start + TimeSpan.FromMilliseconds(250 + 500 + 750), gap.End);
        Assert.Contains("connect failed", gap.Reason, StringComparison.Ordinal);
    }
}
