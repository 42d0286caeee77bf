using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.Activities.Emr;
using TrendingTv.DataLake.Layout;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs;

namespace TrendingTv.Activities.Engines;

/// <summary>
/// The <c>emr</c> engine: one transient EMR cluster per run. Submitting uploads the job's Spark SQL
/// (<see cref="SparkBinding.PrepareAsync"/>, which writes its outputs to the run's staging folder) and
/// starts a job flow named <c>{prefix}-{runId}</c> with one <c>command-runner.jar</c> step; an active
/// cluster of that name is reused, so a retried activity never starts a second one. The job id is the
/// cluster id. A status query only reads (DescribeCluster, ListSteps): publishing the outputs is the
/// DAG's own step. States: STARTING, BOOTSTRAPPING,
/// RUNNING, WAITING (and TERMINATING while no step failed) are running; TERMINATED with every step
/// COMPLETED is success; TERMINATED_WITH_ERRORS, or any FAILED/CANCELLED step, is failure with the
/// cluster's state-change reason and the failed step's FailureDetails quoted (as Airflow's
/// EmrStepSensor reports them).
/// </summary>
public sealed partial class EmrEngine(EmrClient emr, IObjectStore lake, IOptions<EngineOptions> options, ILogger<EmrEngine> logger) : IEtlEngine
{
    /// <summary>The tag carrying the run id on every cluster.</summary>
    public const string RunIdTag = "trendingtv:run-id";

    /// <summary>The tag carrying the dataset on every cluster.</summary>
    public const string DatasetTag = "trendingtv:dataset";

    private readonly EmrEngineOptions _options = options.Value.Emr;

    /// <summary>The cluster name of a run: <c>{prefix}-{runId}</c>.</summary>
    public string ClusterName(EtlJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{_options.ClusterNamePrefix}-{request.RunId}";
    }

    public async Task<string> SubmitAsync(EtlJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = ClusterName(request);
        var active = await emr.ListClustersAsync(EmrCluster.ActiveStates, cancellationToken);
        var existing = active.Where(c => c.Name == name).OrderBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
        if (existing is not null)
        {
            LogReused(logger, existing.Id, existing.State, name);
            return existing.Id;
        }

        var plan = await SparkBinding.PrepareAsync(lake, request.Dataset, request.Date, logger, cancellationToken);
        var clusterId = await emr.RunJobFlowAsync(BuildRunJobFlowRequest(request, plan), cancellationToken);
        LogStarted(logger, clusterId, name, plan.ScriptUri);
        return clusterId;
    }

    public async Task<EtlJobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        if (!ClusterIdPattern().IsMatch(jobId))
        {
            return new EtlJobStatus(jobId, EtlJobState.Failed, "UNKNOWN", $"'{jobId}' is not an EMR cluster id (j-…).");
        }

        EmrCluster cluster;
        try
        {
            cluster = await emr.DescribeClusterAsync(jobId, cancellationToken);
        }
        catch (EmrServiceException e) when (e.ErrorCode is "InvalidRequestException" or "ValidationException" or "ResourceNotFoundException")
        {
            return new EtlJobStatus(jobId, EtlJobState.Failed, "UNKNOWN", $"EMR does not know the cluster {jobId}: {e.ErrorCode} \"{e.ServiceMessage}\".");
        }

        var steps = await emr.ListStepsAsync(jobId, cancellationToken);
        var failedStep = steps.FirstOrDefault(s => s.HasFailed && s.FailureReason is not null) ?? steps.FirstOrDefault(s => s.HasFailed);
        var status = cluster.State switch
        {
            "TERMINATED_WITH_ERRORS" => Failed(cluster, steps, failedStep),
            _ when failedStep is not null => Failed(cluster, steps, failedStep),
            "TERMINATED" when steps.Count > 0 && steps.All(s => s.State == "COMPLETED") => new EtlJobStatus(jobId, EtlJobState.Succeeded, cluster.State),
            "TERMINATED" => Failed(cluster, steps, failedStep),
            _ => new EtlJobStatus(jobId, EtlJobState.Running, cluster.State),
        };
        LogStatus(logger, jobId, cluster.State, status.State);
        return status;
    }

    public async Task TerminateAsync(string jobId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        // TerminateJobFlows has no reason field: the reason goes to the log, the DAG reports it.
        LogTerminating(logger, jobId, reason);
        await emr.TerminateJobFlowsAsync([jobId], cancellationToken);
    }

    /// <summary>The RunJobFlow body of a run (public for tests and for reviewing what would be started).</summary>
    public JsonObject BuildRunJobFlowRequest(EtlJobRequest request, SparkJobPlan plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        var spot = new JsonObject
        {
            ["TimeoutDurationMinutes"] = _options.SpotTimeoutMinutes,
            ["TimeoutAction"] = "SWITCH_TO_ON_DEMAND",
            ["AllocationStrategy"] = _options.SpotAllocationStrategy,
        };
        var onDemand = new JsonObject { ["AllocationStrategy"] = "lowest-price" };

        JsonObject Fleet(string name, string type, int capacity, IReadOnlyList<string> instanceTypes, bool onSpot) => new()
        {
            ["Name"] = name,
            ["InstanceFleetType"] = type,
            ["TargetOnDemandCapacity"] = onSpot ? 0 : capacity,
            ["TargetSpotCapacity"] = onSpot ? capacity : 0,
            ["InstanceTypeConfigs"] = new JsonArray([.. instanceTypes.Select(t => (JsonNode)new JsonObject { ["InstanceType"] = t, ["WeightedCapacity"] = 1 })]),
            ["LaunchSpecifications"] = onSpot
                ? new JsonObject { ["SpotSpecification"] = spot.DeepClone(), ["OnDemandSpecification"] = onDemand.DeepClone() }
                : new JsonObject { ["OnDemandSpecification"] = onDemand.DeepClone() },
        };

        var instances = new JsonObject
        {
            ["InstanceFleets"] = new JsonArray(
                Fleet("primary", "MASTER", 1, _options.EffectivePrimaryInstanceTypes, _options.UseSpot && _options.PrimaryOnSpot),
                Fleet("core", "CORE", _options.CoreCapacity, _options.EffectiveCoreInstanceTypes, _options.UseSpot)),
            ["KeepJobFlowAliveWhenNoSteps"] = false,
            ["TerminationProtected"] = false,
        };
        if (_options.SubnetIds.Count > 0)
        {
            instances["Ec2SubnetIds"] = new JsonArray([.. _options.SubnetIds.Select(s => JsonValue.Create(s))]);
        }

        if (!string.IsNullOrWhiteSpace(_options.Ec2KeyName))
        {
            instances["Ec2KeyName"] = _options.Ec2KeyName;
        }

        var tags = new JsonArray();
        foreach (var (key, value) in _options.Tags.Where(t => t.Key is not RunIdTag and not DatasetTag).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            tags.Add(new JsonObject { ["Key"] = key, ["Value"] = value });
        }

        tags.Add(new JsonObject { ["Key"] = RunIdTag, ["Value"] = request.RunId });
        tags.Add(new JsonObject { ["Key"] = DatasetTag, ["Value"] = request.Dataset.Name() });

        var body = new JsonObject
        {
            ["Name"] = ClusterName(request),
            ["LogUri"] = _options.LogUri,
            ["ReleaseLabel"] = _options.ReleaseLabel,
            ["Applications"] = new JsonArray(new JsonObject { ["Name"] = "Spark" }),
            ["Instances"] = instances,
            ["Steps"] = new JsonArray(new JsonObject
            {
                ["Name"] = $"spark-sql {request.RunId}",
                ["ActionOnFailure"] = "TERMINATE_CLUSTER",
                ["HadoopJarStep"] = new JsonObject
                {
                    ["Jar"] = "command-runner.jar",
                    ["Args"] = new JsonArray([.. plan.SparkSqlArguments.Select(a => JsonValue.Create(a))]),
                },
            }),
            ["JobFlowRole"] = _options.JobFlowRole,
            ["ServiceRole"] = _options.ServiceRole,
            ["VisibleToAllUsers"] = true,
            ["AutoTerminationPolicy"] = new JsonObject { ["IdleTimeout"] = _options.IdleTimeoutSeconds },
            ["Tags"] = tags,
        };
        if (!string.IsNullOrWhiteSpace(_options.SecurityConfiguration))
        {
            body["SecurityConfiguration"] = _options.SecurityConfiguration;
        }

        return body;
    }

    /// <summary>
    /// The failure reason, quoting EMR: the cluster's state-change reason, then the failed step's
    /// FailureDetails (reason, message, log file), or the steps that did not complete.
    /// </summary>
    private static EtlJobStatus Failed(EmrCluster cluster, IReadOnlyList<EmrStep> steps, EmrStep? failedStep)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"EMR cluster {cluster.Id} ({cluster.Name}) is {cluster.State}");
        if (cluster.StateChangeReasonCode is not null || cluster.StateChangeReasonMessage is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" with reason {cluster.StateChangeReasonCode ?? "(no code)"}: \"{cluster.StateChangeReasonMessage ?? string.Empty}\"");
        }

        if (failedStep is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"; step {failedStep.Id} ({failedStep.Name}) {failedStep.State}");
            if (failedStep.FailureReason is not null || failedStep.FailureMessage is not null || failedStep.FailureLogFile is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" because \"{failedStep.FailureReason ?? "(no reason)"}\" with message \"{failedStep.FailureMessage ?? string.Empty}\" and log file \"{failedStep.FailureLogFile ?? "(none)"}\"");
            }
            else if (failedStep.StateChangeReasonMessage is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $": \"{failedStep.StateChangeReasonMessage}\"");
            }
        }
        else if (steps.Count == 0)
        {
            text.Append("; the cluster has no steps");
        }
        else
        {
            text.Append("; steps not completed: ").AppendJoin(", ", steps.Where(s => s.State != "COMPLETED").Select(s => $"{s.Id} ({s.Name}) {s.State}"));
        }

        return new EtlJobStatus(cluster.Id, EtlJobState.Failed, cluster.State, text.Append('.').ToString());
    }

    [GeneratedRegex("^j-[A-Za-z0-9]{1,64}$")]
    private static partial Regex ClusterIdPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing the {State} EMR cluster {ClusterId} named {Name}")]
    private static partial void LogReused(ILogger logger, string clusterId, string state, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started EMR cluster {ClusterId} named {Name} running {Script}")]
    private static partial void LogStarted(ILogger logger, string clusterId, string name, string script);

    [LoggerMessage(Level = LogLevel.Debug, Message = "EMR cluster {ClusterId} is {ClusterState}: job {JobState}")]
    private static partial void LogStatus(ILogger logger, string clusterId, string clusterState, EtlJobState jobState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminating EMR cluster {ClusterId}: {Reason}")]
    private static partial void LogTerminating(ILogger logger, string clusterId, string reason);
}
