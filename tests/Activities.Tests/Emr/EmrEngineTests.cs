using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Engines;
using TrendingTv.Activities.Tests.Support;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.Fixtures.Emr;
using TrendingTv.Fixtures.Lake;

namespace TrendingTv.Activities.Tests.Emr;

public sealed class EmrEngineTests
{
    private static readonly RunRequest Tweet = new(Dataset.Tweet, new DateOnly(2020, 11, 23));

    [Fact]
    public async Task Submit_uploads_the_job_and_starts_one_job_flow_configured_field_by_field()
    {
        await using var host = await EmrTestHost.StartAsync();
        await host.Lake.PutTextAsync(LakeLayout.CanonicalTweetHourKey(new DateTimeOffset(2020, 11, 23, 10, 0, 0, TimeSpan.Zero)), "{}\n");

        var jobId = await host.Services.GetRequiredService<SubmitJobActivity>().RunAsync(Tweet);

        var body = Assert.Single(host.Server.RunJobFlowBodies);
        Assert.StartsWith("j-", jobId, StringComparison.Ordinal);
        Assert.Equal("trendingtv-tweet-2020-11-23", Str(body["Name"]));
        Assert.Equal("emr-7.13.0", Str(body["ReleaseLabel"]));
        Assert.Equal("s3://test-logs/emr/", Str(body["LogUri"]));
        Assert.Equal("EMR_DefaultRole", Str(body["ServiceRole"]));
        Assert.Equal("EMR_EC2_DefaultRole", Str(body["JobFlowRole"]));
        Assert.True(body["VisibleToAllUsers"]!.GetValue<bool>());
        Assert.Equal(["Spark"], body["Applications"]!.AsArray().Select(a => Str(a!["Name"])));
        Assert.Equal(1800, body["AutoTerminationPolicy"]!["IdleTimeout"]!.GetValue<int>());

        var instances = body["Instances"]!;
        Assert.False(instances["KeepJobFlowAliveWhenNoSteps"]!.GetValue<bool>());
        Assert.False(instances["TerminationProtected"]!.GetValue<bool>());
        Assert.Equal(["subnet-0aaa", "subnet-0bbb"], instances["Ec2SubnetIds"]!.AsArray().Select(Str));
        var fleets = instances["InstanceFleets"]!.AsArray();
        Assert.Equal(2, fleets.Count);
        var primary = fleets.Single(f => Str(f!["InstanceFleetType"]) == "MASTER")!;
        Assert.Equal(1, primary["TargetOnDemandCapacity"]!.GetValue<int>());
        Assert.Equal(0, primary["TargetSpotCapacity"]!.GetValue<int>());
        Assert.Equal(["m5.xlarge"], primary["InstanceTypeConfigs"]!.AsArray().Select(t => Str(t!["InstanceType"])));
        var core = fleets.Single(f => Str(f!["InstanceFleetType"]) == "CORE")!;
        Assert.Equal(3, core["TargetSpotCapacity"]!.GetValue<int>());
        Assert.Equal(0, core["TargetOnDemandCapacity"]!.GetValue<int>());
        Assert.Equal(["m6i.xlarge", "m5.xlarge"], core["InstanceTypeConfigs"]!.AsArray().Select(t => Str(t!["InstanceType"])));
        var spot = core["LaunchSpecifications"]!["SpotSpecification"]!;
        Assert.Equal("SWITCH_TO_ON_DEMAND", Str(spot["TimeoutAction"]));
        Assert.Equal(15, spot["TimeoutDurationMinutes"]!.GetValue<int>());
        Assert.Equal("price-capacity-optimized", Str(spot["AllocationStrategy"]));

        var step = Assert.Single(body["Steps"]!.AsArray())!;
        Assert.Equal("TERMINATE_CLUSTER", Str(step["ActionOnFailure"]));
        Assert.Equal("command-runner.jar", Str(step["HadoopJarStep"]!["Jar"]));
        var args = step["HadoopJarStep"]!["Args"]!.AsArray().Select(Str).ToList();
        Assert.Equal("spark-sql", args[0]);
        var script = args[args.IndexOf("-f") + 1];
        Assert.StartsWith("s3://test-lake/trendingtv/jobs/tweet-2020-11-23/", script, StringComparison.Ordinal);
        Assert.Contains(host.Lake.Keys, k => script.EndsWith(k, StringComparison.Ordinal));
        Assert.Contains("run_date=2020-11-23", args);
        Assert.Contains("lake=s3://test-lake/trendingtv", args);

        var tags = body["Tags"]!.AsArray().ToDictionary(t => Str(t!["Key"]), t => Str(t!["Value"]));
        Assert.Equal("tweet-2020-11-23", tags[EmrEngine.RunIdTag]);
        Assert.Equal("tweet", tags[EmrEngine.DatasetTag]);
        Assert.Equal("data", tags["team"]);
        Assert.All(host.Server.Calls, c => Assert.True(c.SignatureValid, c.SignatureProblem));
    }

    [Fact]
    public async Task On_demand_only_fleets_have_no_spot_capacity()
    {
        await using var host = await EmrTestHost.StartAsync(s => s["Engine:Emr:UseSpot"] = "false");

        await host.Engine.SubmitAsync(Tweet.ToJobRequest());

        var core = host.Server.RunJobFlowBodies[0]["Instances"]!["InstanceFleets"]!.AsArray().Single(f => Str(f!["InstanceFleetType"]) == "CORE")!;
        Assert.Equal(3, core["TargetOnDemandCapacity"]!.GetValue<int>());
        Assert.Equal(0, core["TargetSpotCapacity"]!.GetValue<int>());
        Assert.Null(core["LaunchSpecifications"]!["SpotSpecification"]);
    }

    [Fact]
    public async Task A_successful_cluster_is_running_until_terminated_with_every_step_completed()
    {
        await using var host = await EmrTestHost.StartAsync();
        host.Server.EnqueueScript(
            FakeEmrClusterState.Of("STARTING"),
            FakeEmrClusterState.Of("BOOTSTRAPPING"),
            FakeEmrClusterState.Of("RUNNING", FakeEmrStep.Running),
            FakeEmrClusterState.Of("TERMINATING", FakeEmrStep.Completed).WithReason("ALL_STEPS_COMPLETED", "Steps completed"),
            FakeEmrClusterState.Of("TERMINATED", FakeEmrStep.Completed).WithReason("ALL_STEPS_COMPLETED", "Steps completed"));
        var jobId = await host.Engine.SubmitAsync(Tweet.ToJobRequest());

        var seen = new List<EtlJobStatus>();
        for (var i = 0; i < 5; i++)
        {
            seen.Add(await host.Services.GetRequiredService<GetJobStatusActivity>().RunAsync(jobId));
        }

        Assert.Equal(["STARTING", "BOOTSTRAPPING", "RUNNING", "TERMINATING", "TERMINATED"], seen.Select(s => s.EngineState));
        Assert.Equal([EtlJobState.Running, EtlJobState.Running, EtlJobState.Running, EtlJobState.Running, EtlJobState.Succeeded], seen.Select(s => s.State));
        Assert.Null(seen[^1].FailureReason);
        Assert.All(seen, s => Assert.Equal(jobId, s.JobId));
    }

    [Fact]
    public async Task Polling_a_succeeded_tmdb_cluster_writes_nothing_to_the_lake()
    {
        await using var host = await EmrTestHost.StartAsync();
        var tmdb = new RunRequest(Dataset.Tmdb, new DateOnly(2020, 11, 23));
        host.Server.EnqueueScript(
            FakeEmrClusterState.Of("RUNNING", FakeEmrStep.Running),
            FakeEmrClusterState.Of("TERMINATED", FakeEmrStep.Completed).WithReason("ALL_STEPS_COMPLETED", "Steps completed"));
        var jobId = await host.Services.GetRequiredService<SubmitJobActivity>().RunAsync(tmdb);
        // What the Spark step leaves in the run's staging folder.
        foreach (var name in LakeLayout.Dimensions)
        {
            await host.Lake.PutTextAsync($"jobs/tmdb-2020-11-23/out/dims/{name}/part-00000-4b1f.c000.csv", $"{name}\n");
        }

        var writes = host.Lake.Writes;
        var keys = host.Lake.Keys;

        var first = await host.Services.GetRequiredService<GetJobStatusActivity>().RunAsync(jobId);
        var done = await host.Services.GetRequiredService<GetJobStatusActivity>().RunAsync(jobId);
        var again = await host.Engine.GetStatusAsync(jobId);

        Assert.Equal([EtlJobState.Running, EtlJobState.Succeeded, EtlJobState.Succeeded], new[] { first, done, again }.Select(s => s.State));
        Assert.Equal(writes, host.Lake.Writes);
        Assert.Equal(keys, host.Lake.Keys);
        Assert.DoesNotContain(host.Lake.Keys, k => k.StartsWith("dims/", StringComparison.Ordinal));
        Assert.Equal(["DescribeCluster", "ListSteps"], host.Server.Calls.Where(c => c.Operation is not "RunJobFlow" and not "ListClusters").Select(c => c.Operation).Distinct());
    }

    [Fact]
    public async Task A_failed_step_fails_the_job_quoting_the_cluster_reason_and_the_step_failure_details()
    {
        await using var host = await EmrTestHost.StartAsync();
        var failed = new FakeEmrStep(
            "FAILED",
            "org.apache.spark.sql.AnalysisException: [PATH_NOT_FOUND] Path does not exist: s3://test-lake/trendingtv/tweets/2020/11/23",
            "Exception in thread \"main\" org.apache.spark.sql.AnalysisException",
            "s3://test-logs/emr/j-1/steps/s-1/stderr.gz");
        host.Server.EnqueueScript(
            FakeEmrClusterState.Of("RUNNING", FakeEmrStep.Running),
            FakeEmrClusterState.Of("TERMINATED_WITH_ERRORS", failed).WithReason("STEP_FAILURE", "Shut down as step failed"));
        var jobId = await host.Engine.SubmitAsync(Tweet.ToJobRequest());

        Assert.Equal(EtlJobState.Running, (await host.Engine.GetStatusAsync(jobId)).State);
        var status = await host.Engine.GetStatusAsync(jobId);

        Assert.Equal(EtlJobState.Failed, status.State);
        Assert.Equal("TERMINATED_WITH_ERRORS", status.EngineState);
        Assert.Contains("STEP_FAILURE: \"Shut down as step failed\"", status.FailureReason, StringComparison.Ordinal);
        Assert.Contains("spark-sql tweet-2020-11-23", status.FailureReason, StringComparison.Ordinal);
        Assert.Contains($"\"{failed.FailureReason}\"", status.FailureReason, StringComparison.Ordinal);
        Assert.Contains($"\"{failed.FailureMessage}\"", status.FailureReason, StringComparison.Ordinal);
        Assert.Contains($"\"{failed.FailureLogFile}\"", status.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_step_fails_the_job_before_the_cluster_has_terminated()
    {
        await using var host = await EmrTestHost.StartAsync();
        host.Server.EnqueueScript(FakeEmrClusterState.Of("TERMINATING", new FakeEmrStep("FAILED", "Unknown error", "exit code 1", null)));
        var jobId = await host.Engine.SubmitAsync(Tweet.ToJobRequest());

        var status = await host.Engine.GetStatusAsync(jobId);

        Assert.Equal(EtlJobState.Failed, status.State);
        Assert.Contains("\"Unknown error\" with message \"exit code 1\"", status.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bootstrap_failure_fails_the_job_with_the_cluster_reason()
    {
        await using var host = await EmrTestHost.StartAsync();
        const string Message = "On the master instance (i-0123456789abcdef0), bootstrap action 1 returned a non-zero return code";
        host.Server.EnqueueScript(
            FakeEmrClusterState.Of("STARTING"),
            FakeEmrClusterState.Of("BOOTSTRAPPING"),
            FakeEmrClusterState.Of("TERMINATED_WITH_ERRORS", FakeEmrStep.Cancelled).WithReason("BOOTSTRAP_FAILURE", Message));
        var jobId = await host.Engine.SubmitAsync(Tweet.ToJobRequest());

        var states = new List<EtlJobStatus>();
        for (var i = 0; i < 3; i++)
        {
            states.Add(await host.Engine.GetStatusAsync(jobId));
        }

        Assert.Equal([EtlJobState.Running, EtlJobState.Running, EtlJobState.Failed], states.Select(s => s.State));
        Assert.Contains($"BOOTSTRAP_FAILURE: \"{Message}\"", states[^1].FailureReason, StringComparison.Ordinal);
        Assert.Contains("CANCELLED", states[^1].FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_never_finishes_is_terminated_and_then_reported_failed()
    {
        await using var host = await EmrTestHost.StartAsync();
        var jobId = await host.Engine.SubmitAsync(Tweet.ToJobRequest());
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(EtlJobState.Running, (await host.Engine.GetStatusAsync(jobId)).State);
        }

        await host.Services.GetRequiredService<TerminateJobActivity>().RunAsync(new TerminateJobRequest(jobId, "past the DAG deadline of 3 h"));
        var status = await host.Engine.GetStatusAsync(jobId);

        Assert.Equal([jobId], host.Server.TerminatedClusterIds);
        Assert.Equal(EtlJobState.Failed, status.State);
        Assert.Contains("USER_REQUEST", status.FailureReason, StringComparison.Ordinal);
        Assert.Contains("CANCELLED", status.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_submit_after_RunJobFlow_succeeded_reuses_the_cluster()
    {
        await using var host = await EmrTestHost.StartAsync();
        host.Server.PageSize = 1;
        host.Server.AddCluster("trendingtv-tweet-2020-11-24", FakeEmrClusterState.Of("RUNNING"));
        host.Server.AddCluster("trendingtv-tweet-2020-11-23", FakeEmrClusterState.Of("TERMINATED_WITH_ERRORS"));
        var first = await host.Engine.SubmitAsync(Tweet.ToJobRequest());

        // The activity's process died after RunJobFlow answered; a new process retries the activity.
        await using var retried = host.Restart();
        var second = await retried.Services.GetRequiredService<SubmitJobActivity>().RunAsync(Tweet);

        Assert.Equal(first, second);
        Assert.Equal(1, host.Server.CallCount("RunJobFlow"));
        var listed = host.Server.Calls.Where(c => c.Operation == "ListClusters").Select(c => c.Body!["ClusterStates"]!.AsArray().Select(Str).ToList()).ToList();
        Assert.All(listed, states => Assert.Equal(["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"], states));
    }

    [Fact]
    public async Task Throttled_calls_during_submit_are_retried_without_a_second_cluster()
    {
        await using var host = await EmrTestHost.StartAsync();
        host.Server.InjectError("ListClusters", 400, "ThrottlingException", "Rate exceeded", count: 2);
        host.Server.InjectError("RunJobFlow", 429, "ThrottlingException", "Rate exceeded");

        var jobId = await host.Engine.SubmitAsync(Tweet.ToJobRequest());

        Assert.Single(host.Server.RunJobFlowBodies);
        Assert.Equal(2, host.Server.CallCount("RunJobFlow"));
        Assert.Equal(3, host.Server.CallCount("ListClusters"));
        Assert.Equal(EtlJobState.Running, (await host.Engine.GetStatusAsync(jobId)).State);
    }

    [Theory]
    [InlineData("j-NOSUCHCLUSTER", "EMR does not know the cluster j-NOSUCHCLUSTER")]
    [InlineData("tweet-2020-11-23.1", "is not an EMR cluster id")]
    public async Task An_unknown_job_id_is_a_failed_status_not_an_exception(string jobId, string expected)
    {
        await using var host = await EmrTestHost.StartAsync();

        var status = await host.Engine.GetStatusAsync(jobId);

        Assert.Equal(EtlJobState.Failed, status.State);
        Assert.Contains(expected, status.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Engine:Emr:LogUri", "", "Engine:Emr:LogUri")]
    [InlineData("Engine:Emr:ReleaseLabel", "7.13", "Engine:Emr:ReleaseLabel")]
    [InlineData("Engine:Emr:IdleTimeoutSeconds", "30", "Engine:Emr:IdleTimeoutSeconds")]
    [InlineData("Engine:Emr:SpotTimeoutMinutes", "2", "Engine:Emr:SpotTimeoutMinutes")]
    [InlineData("Engine:Emr:SpotAllocationStrategy", "cheapest", "Engine:Emr:SpotAllocationStrategy")]
    [InlineData("Engine:Emr:SubnetIds:0", "vpc-1", "Engine:Emr:SubnetIds")]
    [InlineData("Engine:Kind", "spark", "Engine:Kind")]
    [InlineData("Engine:StagingRetention", "1.00:00:00", "StagingRetention")]
    [InlineData("Engine:StagingRetention", "-14.00:00:00", "StagingRetention")]
    public async Task A_bad_setting_fails_at_start_naming_the_setting(string key, string value, string named)
    {
        await using var server = await FakeEmrServer.StartAsync();
        var settings = EmrTestHost.DefaultSettings(server.ServiceUrl);
        settings[key] = value;
        await using var services = EmrTestHost.BuildServices(new InMemoryObjectStore(), settings, EmrTestHost.Credentials());

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EngineOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_lake_cannot_be_submitted_to_emr()
    {
        await using var server = await FakeEmrServer.StartAsync();
        var lake = new LocalDirectoryStore(LakeUri.Local(Path.Combine(Path.GetTempPath(), $"tt-act-{Guid.NewGuid():N}")));
        await using var services = EmrTestHost.BuildServices(lake, EmrTestHost.DefaultSettings(server.ServiceUrl), EmrTestHost.Credentials());

        await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<IEtlEngine>().SubmitAsync(Tweet.ToJobRequest()));

        Assert.Equal(0, server.CallCount("RunJobFlow"));
    }

    private static string Str(JsonNode? node) => node!.GetValue<string>();
}
