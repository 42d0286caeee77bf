using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TrendingTv.Fixtures.Tmdb;
using TrendingTv.Tmdb.Client;

namespace TrendingTv.Tmdb.Tests;

public sealed class TmdbMetricsTests
{
    [Fact]
    public async Task Each_call_is_counted_once_by_outcome_and_each_failure_by_kind()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.EnqueueFault(FakeTmdbServer.GenresPath, FakeTmdbFault.ServerError());
        server.SetPersistentFault(FakeTmdbServer.ShowPath(500), FakeTmdbFault.ServerError());
        server.SetPersistentFault(FakeTmdbServer.ShowPath(502), FakeTmdbFault.MalformedJson(502));
        server.SetPersistentFault(FakeTmdbServer.ShowPath(504), FakeTmdbFault.Hang(TimeSpan.FromMinutes(10), TmdbPayloads.TvSeries1396));
        await using var host = TmdbTestHost.Create(server, new Dictionary<string, string?> { ["Tmdb:MaxRetryAttempts"] = "1", ["Tmdb:AttemptTimeout"] = "00:00:01" });
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, TmdbMetrics.MeterName, TmdbMetrics.RequestsName);
        using var failures = new MetricCollector<long>(meters, TmdbMetrics.MeterName, TmdbMetrics.FailuresName);

        await host.DriveAsync(host.Client.GetTvSeriesAsync(1396));
        await host.DriveAsync(host.Client.GetTvGenresAsync()); // a 500, then a success: one call, ok
        foreach (var id in new long[] { 404, 500, 502, 504 })
        {
            await Assert.ThrowsAsync<TmdbException>(() => host.DriveAsync(host.Client.GetTvSeriesAsync(id)));
        }

        Assert.Equal(
            [("ok", 2L), ("not_found", 1L), ("failed", 3L)],
            Sums(requests, "outcome", "ok", "not_found", "failed"));
        Assert.Equal(
            [("not_found", 1L), ("http_error", 1L), ("malformed_response", 1L), ("timeout", 1L), ("unreachable", 0L), ("circuit_open", 0L)],
            Sums(failures, "kind", "not_found", "http_error", "malformed_response", "timeout", "unreachable", "circuit_open"));
    }

    [Fact]
    public async Task A_call_cancelled_by_its_caller_is_neither_a_request_outcome_nor_a_failure()
    {
        await using var server = await FakeTmdbServer.StartWithRecordedContentAsync();
        server.SetPersistentFault(FakeTmdbServer.ShowPath(1396), FakeTmdbFault.Hang(TimeSpan.FromMinutes(10), TmdbPayloads.TvSeries1396));
        await using var host = TmdbTestHost.Create(server);
        using var requests = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), TmdbMetrics.MeterName, TmdbMetrics.RequestsName);
        using var cancel = new CancellationTokenSource();

        var call = host.Client.GetTvSeriesAsync(1396, cancel.Token);
        await TmdbTestHost.WaitUntilAsync(() => server.Hanging == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(requests.GetMeasurementSnapshot());
    }

    [Theory]
    [InlineData(TmdbFailureKind.NotFound, "not_found")]
    [InlineData(TmdbFailureKind.HttpError, "http_error")]
    [InlineData(TmdbFailureKind.Timeout, "timeout")]
    [InlineData(TmdbFailureKind.Unreachable, "unreachable")]
    [InlineData(TmdbFailureKind.MalformedResponse, "malformed_response")]
    [InlineData(TmdbFailureKind.CircuitOpen, "circuit_open")]
    public void Failure_kind_tags_are_snake_case(TmdbFailureKind kind, string tag) => Assert.Equal(tag, TmdbMetrics.KindTag(kind));

    private static IEnumerable<(string Tag, long Sum)> Sums(MetricCollector<long> collector, string tag, params string[] values)
    {
        var measurements = collector.GetMeasurementSnapshot();
        return values.Select(v => (v, measurements.Where(m => Equals(m.Tags[tag], v)).Sum(m => m.Value)));
    }
}
