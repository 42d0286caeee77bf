namespace TrendingTv.Fixtures.Tmdb;

/// <summary>
/// One request <see cref="FakeTmdbServer"/> received: path, raw query (holds <c>api_key</c> when the
/// client uses one), Authorization header, the status it answered with, the fault served (or null),
/// and when it arrived on the server's monotonic clock.
/// </summary>
public sealed record FakeTmdbRequest(string Path, string Query, string? Authorization, int StatusCode, string? Fault, TimeSpan ReceivedAt);
