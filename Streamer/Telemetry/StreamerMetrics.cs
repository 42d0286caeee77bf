using System.Diagnostics.Metrics;

namespace TrendingTv.Streamer.Telemetry;

/// <summary>
/// The streamer's instruments on the meter <c>TrendingTv.Streamer</c> (exported as Prometheus text by
/// <c>streamer run</c>): posts received and kept per source, source disconnects (per reason) and the seconds of
/// gaps, and two gauges read when scraped: closed hours waiting for upload and the bytes of the capture store.
/// </summary>
public sealed class StreamerMetrics : IDisposable
{
    public const string MeterName = "TrendingTv.Streamer";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _kept;
    private readonly Counter<long> _disconnects;
    private readonly Counter<double> _gapSeconds;

    public StreamerMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("trendingtv.posts.received", "{post}", "Posts (or events) received from a source, duplicates and posts over the cap included.");
        _kept = _meter.CreateCounter<long>("trendingtv.posts.kept", "{post}", "Posts stored in the capture store.");
        _disconnects = _meter.CreateCounter<long>("trendingtv.source.disconnects", "{disconnect}", "Times a source lost (or could not get) its connection.");
        _gapSeconds = _meter.CreateCounter<double>("trendingtv.source.gap", "s", "Seconds a source was not connected while capture ran.");
    }

    public void Received(string source, long count)
    {
        if (count > 0)
        {
            _received.Add(count, new KeyValuePair<string, object?>("source", source));
        }
    }

    public void Kept(string source, long count)
    {
        if (count > 0)
        {
            _kept.Add(count, new KeyValuePair<string, object?>("source", source));
        }
    }

    public void Disconnected(string source, string reason) =>
        _disconnects.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason));

    public void Gap(string source, TimeSpan duration)
    {
        if (duration > TimeSpan.Zero)
        {
            _gapSeconds.Add(duration.TotalSeconds, new KeyValuePair<string, object?>("source", source));
        }
    }

    /// <summary>Publishes the closed hours not yet uploaded, read from <paramref name="hoursWaiting"/> at each collection.</summary>
    public void ObserveHoursWaiting(Func<long> hoursWaiting) =>
        _meter.CreateObservableGauge("trendingtv.upload.hours_waiting", hoursWaiting, "{hour}", "Closed hours with posts not yet uploaded.");

    /// <summary>Publishes the bytes of the capture store's files, read from <paramref name="storeBytes"/> at each collection.</summary>
    public void ObserveStoreSize(Func<long> storeBytes) =>
        _meter.CreateObservableGauge("trendingtv.capture.store_size", storeBytes, "By", "Bytes of the capture store's SQLite files.");

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
