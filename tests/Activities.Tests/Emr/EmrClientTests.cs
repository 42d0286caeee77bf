using System.Net;
using Amazon.Runtime;
using TrendingTv.Activities.Emr;
using TrendingTv.Activities.Tests.Support;
using TrendingTv.Fixtures.Emr;

namespace TrendingTv.Activities.Tests.Emr;

public sealed class EmrClientTests
{
    [Fact]
    public async Task Every_operation_is_a_signed_json_post_with_its_target()
    {
        await using var host = await EmrTestHost.StartAsync();
        var client = host.Client;

        var id = await client.RunJobFlowAsync(new() { ["Name"] = "c", ["ReleaseLabel"] = "emr-7.13.0", ["Instances"] = new System.Text.Json.Nodes.JsonObject(), ["Steps"] = new System.Text.Json.Nodes.JsonArray() });
        var cluster = await client.DescribeClusterAsync(id);
        await client.ListStepsAsync(id);
        var clusters = await client.ListClustersAsync(EmrCluster.ActiveStates);
        await client.TerminateJobFlowsAsync([id]);

        Assert.Equal("c", cluster.Name);
        Assert.Equal("STARTING", cluster.State);
        Assert.Equal(id, Assert.Single(clusters).Id);
        Assert.Equal(["RunJobFlow", "DescribeCluster", "ListSteps", "ListClusters", "TerminateJobFlows"], host.Server.Calls.Select(c => c.Operation));
        Assert.All(host.Server.Calls, c => Assert.True(c.SignatureValid, c.SignatureProblem));
        Assert.Equal([id], host.Server.TerminatedClusterIds);
    }

    [Fact]
    public async Task Session_credentials_send_and_sign_the_security_token()
    {
        await using var host = await EmrTestHost.StartAsync(sessionToken: "FwoGZXIvYXdzEXAMPLE//token+with/slashes==");

        await host.Client.ListClustersAsync(EmrCluster.ActiveStates);

        Assert.True(Assert.Single(host.Server.Calls).SignatureValid, host.Server.Calls[0].SignatureProblem);
    }

    [Fact]
    public async Task A_wrong_secret_is_rejected_by_the_server_and_surfaces_as_a_typed_error()
    {
        await using var host = await EmrTestHost.StartAsync(credentials: new BasicAWSCredentials(FakeEmrServer.AccessKey, "not-the-secret"));

        var error = await Assert.ThrowsAsync<EmrServiceException>(() => host.Client.ListClustersAsync(EmrCluster.ActiveStates));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("ListClusters", error.Operation);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(host.Server.Calls).SignatureValid);
    }

    [Fact]
    public async Task An_aws_error_becomes_an_exception_with_its_code_and_message()
    {
        await using var host = await EmrTestHost.StartAsync();

        var error = await Assert.ThrowsAsync<EmrServiceException>(() => host.Client.DescribeClusterAsync("j-NOSUCHCLUSTER"));

        Assert.Equal("InvalidRequestException", error.ErrorCode);
        Assert.Equal("Cluster id 'j-NOSUCHCLUSTER' is not valid.", error.ServiceMessage);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.NotNull(error.RequestId);
        Assert.Contains("DescribeCluster", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Server.CallCount("DescribeCluster"));
    }

    [Theory]
    [InlineData(400, "ThrottlingException")]
    [InlineData(429, "TooManyRequestsException")]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(500, "InternalFailure")]
    public async Task Throttling_and_server_errors_are_retried(int status, string type)
    {
        await using var host = await EmrTestHost.StartAsync();
        host.Server.InjectError("ListClusters", status, type, "Rate exceeded", count: 2);

        var clusters = await host.Client.ListClustersAsync(EmrCluster.ActiveStates);

        Assert.Empty(clusters);
        Assert.Equal(3, host.Server.CallCount("ListClusters"));
    }

    [Fact]
    public async Task Throttling_past_the_retry_budget_surfaces_as_a_throttling_error()
    {
        await using var host = await EmrTestHost.StartAsync();
        host.Server.InjectError("ListSteps", 400, "ThrottlingException", "Rate exceeded", count: 10);

        var error = await Assert.ThrowsAsync<EmrServiceException>(() => host.Client.ListStepsAsync("j-ANY"));

        Assert.True(error.IsThrottling);
        Assert.Equal("Rate exceeded", error.ServiceMessage);
        Assert.Equal(4, host.Server.CallCount("ListSteps"));
    }

    [Fact]
    public async Task RunJobFlow_is_retried_when_throttled_but_not_after_a_server_error()
    {
        await using var host = await EmrTestHost.StartAsync();
        var body = new System.Text.Json.Nodes.JsonObject { ["Name"] = "c", ["ReleaseLabel"] = "emr-7.13.0", ["Instances"] = new System.Text.Json.Nodes.JsonObject() };
        host.Server.InjectError("RunJobFlow", 400, "ThrottlingException", "Rate exceeded");

        await host.Client.RunJobFlowAsync(body);
        Assert.Equal(2, host.Server.CallCount("RunJobFlow"));

        host.Server.InjectError("RunJobFlow", 500, "InternalFailure", "try again");
        var error = await Assert.ThrowsAsync<EmrServiceException>(() => host.Client.RunJobFlowAsync(body));

        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(3, host.Server.CallCount("RunJobFlow"));
    }

    [Fact]
    public async Task Lists_follow_markers_across_pages()
    {
        await using var host = await EmrTestHost.StartAsync();
        host.Server.PageSize = 2;
        var ids = Enumerable.Range(1, 5).Select(i => host.Server.AddCluster($"other-{i}", FakeEmrClusterState.Of("RUNNING"))).ToList();

        var clusters = await host.Client.ListClustersAsync(EmrCluster.ActiveStates);

        Assert.Equal(ids.Order(), clusters.Select(c => c.Id).Order());
        Assert.Equal(3, host.Server.CallCount("ListClusters"));
    }
}
