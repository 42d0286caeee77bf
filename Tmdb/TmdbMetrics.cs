using System.Diagnostics.Metrics;
using TrendingTv.Tmdb.Client;

namespace TrendingTv.Tmdb;

/// <summary>
/// The TMDB instruments, on meter <see cref="MeterName"/>: <c>trendingtv.tmdb.requests</c> counts
/// each call once, after its retries, by <c>outcome</c> (<c>ok</c>, <c>not_found</c>, <c>failed</c>);
/// <c>trendingtv.tmdb.failures</c> counts the calls that did not succeed by <c>kind</c> (the
/// <see cref="TmdbFailureKind"/> in snake case, <c>not_found</c> included). A call cancelled by its
/// caller (a stopped snapshot, Ctrl-C) is in neither.
/// </summary>
public sealed class TmdbMetrics
{
    public const string MeterName = "TrendingTv.Tmdb";
    public const string RequestsName = "trendingtv.tmdb.requests";
    public const string FailuresName = "trendingtv.tmdb.failures";

    private static readonly KeyValuePair<string, object?> OkOutcome = new("outcome", "ok");
    private static readonly KeyValuePair<string, object?> NotFoundOutcome = new("outcome", "not_found");
    private static readonly KeyValuePair<string, object?> FailedOutcome = new("outcome", "failed");

    private readonly Counter<long> _requests;
    private readonly Counter<long> _failures;

    public TmdbMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(RequestsName, unit: "{request}", description: "TMDB calls, each counted once after its retries, by outcome.");
        _failures = meter.CreateCounter<long>(FailuresName, unit: "{request}", description: "TMDB calls that did not succeed, by failure kind.");
    }

    public void Succeeded() => _requests.Add(1, OkOutcome);

    public void Failed(TmdbFailureKind kind)
    {
        _requests.Add(1, kind == TmdbFailureKind.NotFound ? NotFoundOutcome : FailedOutcome);
        _failures.Add(1, new KeyValuePair<string, object?>("kind", KindTag(kind)));
    }

    /// <summary>The <c>kind</c> tag of a failure: <c>not_found</c>, <c>http_error</c>, <c>timeout</c>, <c>unreachable</c>, <c>malformed_response</c>, <c>circuit_open</c>.</summary>
    public static string KindTag(TmdbFailureKind kind) => kind switch
    {
        TmdbFailureKind.NotFound => "not_found",
        TmdbFailureKind.HttpError => "http_error",
        TmdbFailureKind.Timeout => "timeout",
        TmdbFailureKind.Unreachable => "unreachable",
        TmdbFailureKind.MalformedResponse => "malformed_response",
        TmdbFailureKind.CircuitOpen => "circuit_open",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
