using Microsoft.Extensions.Options;
using TrendingTv.Fixtures.X;
using TrendingTv.Streamer.Sources.X;

namespace TrendingTv.Streamer.Tests.Sources.X;

/// <summary>The real X client pointed at a <see cref="FakeXServer"/>.</summary>
internal static class XTestClient
{
    public static IOptions<XOptions> Options(FakeXServer server, string? token = null) => Microsoft.Extensions.Options.Options.Create(new XOptions
    {
        BearerToken = token ?? server.BearerToken,
        BaseUrl = server.BaseAddress.ToString(),
        MaxRuleLength = server.MaxRuleLength,
    });

    public static XApiClient Create(FakeXServer server, HttpClient http, string? token = null) => new(http, Options(server, token));

    public static HttpClient Http() => new() { Timeout = Timeout.InfiniteTimeSpan };
}
