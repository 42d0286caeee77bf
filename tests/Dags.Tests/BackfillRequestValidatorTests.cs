using Microsoft.Extensions.Time.Testing;
using TrendingTv.Dags.Backfill;
using TrendingTv.DataLake.Layout;

namespace TrendingTv.Dags.Tests;

public sealed class BackfillRequestValidatorTests
{
    // Today is 2026-11-29 (UTC), so the latest date that can be run is 2026-11-28.
    private readonly BackfillRequestValidator _validator = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void A_valid_request_becomes_a_plan_with_its_runs_in_order()
    {
        var result = _validator.ValidateJson("""{"from": "2020-11-20", "to": "2020-11-22", "datasets": ["tmdb", "tweet", "TWEET"]}""");

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        Assert.Equal(new DateOnly(2020, 11, 20), result.Plan.From);
        Assert.Equal([Dataset.Tmdb, Dataset.Tweet], result.Plan.Datasets);
        Assert.Equal(6, result.Plan.RunCount);
        Assert.Equal("backfill-2020-11-20-2020-11-22-tmdb-tweet", result.Plan.BackfillId);
        Assert.Equal(["tmdb-2020-11-20", "tweet-2020-11-20", "tmdb-2020-11-21"], result.Plan.Runs().Take(3).Select(r => r.RunId));
    }

    [Fact]
    public void Leaving_out_the_datasets_means_both()
    {
        var result = _validator.ValidateJson("""{"from": "2020-11-20", "to": "2020-11-20"}""");

        Assert.True(result.IsValid);
        Assert.Equal([Dataset.Tweet, Dataset.Tmdb], result.Plan.Datasets);
    }

    [Fact]
    public void Yesterday_and_a_range_of_exactly_366_days_are_allowed()
    {
        var result = _validator.ValidateJson("""{"from": "2025-11-28", "to": "2026-11-28"}""");

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        Assert.Equal(366, result.Plan.Days);
    }

    [Theory]
    [InlineData("", "The request body is empty; expected {\"from\": \"yyyy-MM-dd\"")]
    [InlineData("{\"from\": \"2020-11-20\", ", "The request body is not valid JSON")]
    [InlineData("{\"from\": 20201120, \"to\": \"2020-11-21\"}", "The request body is not valid JSON at $.from")]
    [InlineData("null", "The request body is null")]
    [InlineData("{\"to\": \"2020-11-21\"}", "from is missing; give a date in yyyy-MM-dd form.")]
    [InlineData("{\"from\": \"2020-11-21\"}", "to is missing; give a date in yyyy-MM-dd form.")]
    [InlineData("{\"from\": \"2020/11/20\", \"to\": \"2020-11-21\"}", "from '2020/11/20' is not a date in yyyy-MM-dd form.")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2021-02-30\"}", "to '2021-02-30' is not a date in yyyy-MM-dd form.")]
    [InlineData("{\"from\": \"2020-11-22\", \"to\": \"2020-11-20\"}", "from 2020-11-22 is after to 2020-11-20.")]
    [InlineData("{\"from\": \"2026-11-20\", \"to\": \"2026-11-29\"}", "to 2026-11-29 is not over yet: the latest date that can be run is yesterday, 2026-11-28 (UTC).")]
    [InlineData("{\"from\": \"2025-11-27\", \"to\": \"2026-11-28\"}", "The range 2025-11-27 to 2026-11-28 has 367 days; at most 366 are allowed.")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"datasets\": []}", "datasets is empty; name 'tweet' and/or 'tmdb', or leave datasets out for both.")]
    [InlineData("{\"from\": \"2020-11-20\", \"to\": \"2020-11-21\", \"datasets\": [\"tweet\", \"imdb\"]}", "datasets: 'imdb' is not a dataset; expected 'tweet' or 'tmdb'.")]
    public void A_bad_request_is_rejected_with_a_message_saying_what_is_wrong(string body, string expected)
    {
        var result = _validator.ValidateJson(body);

        Assert.False(result.IsValid);
        Assert.Null(result.Plan);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_request_is_reported_at_once()
    {
        var result = _validator.ValidateJson("""{"from": "20-11-2020", "to": "2027-01-01", "datasets": ["x"]}""");

        Assert.Equal(3, result.Errors.Count);
    }
}
