namespace TrendingTv.Streamer.Sources;

/// <summary>
/// How a live source reports its connection (the hosting layer records gaps and metrics from it). A source reports
/// <see cref="DisconnectedAsync"/> at each failure (the first report of an outage gives its start: the last byte
/// received or the failed attempt) and <see cref="ConnectedAsync"/> once a connection is receiving again.
/// </summary>
public interface IConnectionReporter
{
    /// <summary><paramref name="source"/> is connected at <paramref name="at"/>.</summary>
    ValueTask ConnectedAsync(string source, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="source"/> is not connected since <paramref name="since"/>: <paramref name="kind"/> is a short
    /// tag (see <see cref="DisconnectKinds"/>), <paramref name="reason"/> says what happened.
    /// </summary>
    ValueTask DisconnectedAsync(string source, DateTimeOffset since, string kind, string reason, CancellationToken cancellationToken);
}
