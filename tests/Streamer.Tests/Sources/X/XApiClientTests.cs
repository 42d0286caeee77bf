using System.Text.Json;
using TrendingTv.DataLake.Catalogue;
using TrendingTv.Fixtures.X;
using TrendingTv.Streamer.Sources.X;

namespace TrendingTv.Streamer.Tests.Sources.X;

public sealed class XApiClientTests
{
    [Fact]
    public async Task Sync_adds_missing_rules_deletes_stale_ones_and_keeps_the_rest()
    {
        await using var server = await FakeXServer.StartAsync();
        var catalogue = new ShowCatalogue([new Show(87739, "The Queen's Gambit", "#TheQueensGambit"), new Show(1399, "Game of Thrones", "#GameOfThrones")]);
        var desired = RulePlanner.Plan(catalogue, 1024, 1000);
        server.AddRule(desired[0].Value, desired[0].Tag);
        server.AddRule("\"Old Show\" OR #oldshow", "12");
        using var http = XTestClient.Http();
        var client = XTestClient.Create(server, http);

        var result = await client.SyncRulesAsync(desired);

        Assert.Equal(1, result.Kept);
        Assert.Equal("12", Assert.Single(result.Deleted).Tag);
        Assert.Equal("1399", Assert.Single(result.Added).Tag);
        Assert.Equal(
            desired.Select(r => (r.Value, r.Tag)).Order(),
            server.Rules.Select(r => (r.Value, r.Tag)).Order());
    }

    [Fact]
    public async Task Sync_again_changes_nothing()
    {
        await using var server = await FakeXServer.StartAsync();
        var desired = RulePlanner.Plan(ShowCatalogue.LoadDefault(), 1024, 1000);
        using var http = XTestClient.Http();
        var client = XTestClient.Create(server, http);
        await client.SyncRulesAsync(desired);
        var requests = server.RuleRequests.Count;

        var second = await client.SyncRulesAsync(desired);

        Assert.Empty(second.Added);
        Assert.Empty(second.Deleted);
        Assert.Equal(desired.Count, second.Kept);
        Assert.Equal(requests, server.RuleRequests.Count);
        // 160 rules were added in requests of at most 100.
        Assert.All(server.RuleRequests, body => Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("add").GetArrayLength() <= 100));
    }

    [Fact]
    public async Task A_rule_the_server_rejects_fails_the_sync_with_the_reason()
    {
        await using var server = await FakeXServer.StartAsync(maxRuleLength: 64);
        using var http = XTestClient.Http();
        var client = XTestClient.Create(server, http);

        var error = await Assert.ThrowsAsync<XApiException>(() => client.AddRulesAsync([new XStreamRule(new string('a', 80), "1")]));

        Assert.Contains("RuleLengthExceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_is_reported_naming_the_setting_and_without_the_token()
    {
        await using var server = await FakeXServer.StartAsync();
        using var http = XTestClient.Http();
        const string secret = "wrong-secret-token-123";
        var client = XTestClient.Create(server, http, secret);

        var error = await Assert.ThrowsAsync<XApiException>(() => client.ListRulesAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("X__BearerToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Unauthorized);
    }
}
