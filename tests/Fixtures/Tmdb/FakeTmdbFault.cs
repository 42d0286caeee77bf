namespace TrendingTv.Fixtures.Tmdb;

/// <summary>
/// A scripted misbehaviour of <see cref="FakeTmdbServer"/> for one request: a status, headers and
/// body, served after <see cref="Delay"/> (a delay longer than the client's attempt timeout is a
/// timeout). <see cref="Name"/> shows in the request log.
/// </summary>
public sealed record FakeTmdbFault(string Name, int StatusCode, byte[] Body, IReadOnlyDictionary<string, string> Headers, TimeSpan Delay)
{
    /// <summary>429 with <c>Retry-After</c> in seconds and TMDB's status 25 body.</summary>
    public static FakeTmdbFault TooManyRequests(int retryAfterSeconds) =>
        new("429", 429, TmdbPayloads.RateLimited, new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, TimeSpan.Zero);

    /// <summary>500 with a plain-text body (what a failing proxy in front of TMDB sends).</summary>
    public static FakeTmdbFault ServerError() =>
        new("500", 500, "Internal Server Error"u8.ToArray(), new Dictionary<string, string>(), TimeSpan.Zero);

    /// <summary>No answer for <paramref name="delay"/>, then a 200 with <paramref name="body"/> (if the client still waits).</summary>
    public static FakeTmdbFault Hang(TimeSpan delay, byte[] body) =>
        new("hang", 200, body, new Dictionary<string, string>(), delay);

    /// <summary>200 whose body is cut off in the middle of a string.</summary>
    public static FakeTmdbFault MalformedJson(long id) =>
        new("malformed", 200, System.Text.Encoding.UTF8.GetBytes($"{{\"adult\":false,\"id\":{id},\"name\":\"Cut off"), new Dictionary<string, string>(), TimeSpan.Zero);
}
