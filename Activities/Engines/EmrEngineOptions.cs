using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace TrendingTv.Activities.Engines;

/// <summary>
/// Section <c>Engine:Emr</c>: the AWS endpoint and the job flow each run starts (release, instance
/// fleets with spot capacity falling back to on-demand, roles, logs, network, tags, idle timeout).
/// Credentials never come from here: AWSSDK.Core's default chain supplies them.
/// </summary>
public sealed partial class EmrEngineOptions : IValidatableObject
{
    public static IReadOnlyList<string> DefaultPrimaryInstanceTypes { get; } = ["m5.xlarge"];

    public static IReadOnlyList<string> DefaultCoreInstanceTypes { get; } = ["m5.xlarge", "m5a.xlarge", "m6i.xlarge"];

    private static readonly string[] SpotAllocationStrategies =
        ["capacity-optimized", "price-capacity-optimized", "lowest-price", "diversified", "capacity-optimized-prioritized"];

    /// <summary>AWS region (e.g. <c>eu-west-1</c>); empty to take it from the AWS default chain (AWS_REGION, profile).</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint override (tests, VPC endpoints); default <c>https://elasticmapreduce.{region}.amazonaws.com</c>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>EMR release; 7.13 ships Spark 3.5.6.</summary>
    [Required]
    [RegularExpression(@"^emr-\d+\.\d+\.\d+$", ErrorMessage = "ReleaseLabel must look like emr-7.13.0.")]
    public string ReleaseLabel { get; set; } = "emr-7.13.0";

    /// <summary>Cluster names are <c>{prefix}-{runId}</c>, e.g. <c>trendingtv-tweet-2020-11-23</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,60}$", ErrorMessage = "ClusterNamePrefix must be 1-61 letters, digits, '-' or '_'.")]
    public string ClusterNamePrefix { get; set; } = "trendingtv";

    /// <summary>Where EMR writes cluster and step logs (<c>s3://bucket/prefix/</c>).</summary>
    [Required]
    public string LogUri { get; set; } = string.Empty;

    /// <summary>The EMR service role.</summary>
    [Required]
    public string ServiceRole { get; set; } = "EMR_DefaultRole";

    /// <summary>The EC2 instance profile of the cluster's nodes (JobFlowRole).</summary>
    [Required]
    public string JobFlowRole { get; set; } = "EMR_EC2_DefaultRole";

    /// <summary>Subnets the fleets may launch in (EMR picks one); empty for the default VPC.</summary>
    public List<string> SubnetIds { get; set; } = [];

    /// <summary>Optional EC2 key pair for SSH to the primary node.</summary>
    public string? Ec2KeyName { get; set; }

    /// <summary>Optional EMR security configuration name.</summary>
    public string? SecurityConfiguration { get; set; }

    /// <summary>Instance types of the primary fleet; empty for <see cref="DefaultPrimaryInstanceTypes"/>.</summary>
    public List<string> PrimaryInstanceTypes { get; set; } = [];

    /// <summary>Instance types of the core fleet (several, so spot capacity can be found); empty for <see cref="DefaultCoreInstanceTypes"/>.</summary>
    public List<string> CoreInstanceTypes { get; set; } = [];

    /// <summary>Core fleet capacity (units, one per instance).</summary>
    [Range(1, 500)]
    public int CoreCapacity { get; set; } = 2;

    /// <summary>Run the core fleet on spot capacity (switching to on-demand after <see cref="SpotTimeoutMinutes"/>); false for on-demand only.</summary>
    public bool UseSpot { get; set; } = true;

    /// <summary>Also run the primary node on spot (cheaper, but a reclaimed primary ends the cluster).</summary>
    public bool PrimaryOnSpot { get; set; }

    /// <summary>Minutes to wait for spot capacity before switching to on-demand (5 to 1440).</summary>
    [Range(5, 1440)]
    public int SpotTimeoutMinutes { get; set; } = 10;

    /// <summary>Spot allocation strategy of the fleets.</summary>
    public string SpotAllocationStrategy { get; set; } = "price-capacity-optimized";

    /// <summary>AutoTerminationPolicy idle timeout in seconds (60 s to 7 days): a cluster left idle shuts down.</summary>
    [Range(60, 604_800)]
    public int IdleTimeoutSeconds { get; set; } = 3600;

    /// <summary>Tags on every cluster (cost allocation); <c>trendingtv:run-id</c> and <c>trendingtv:dataset</c> are added.</summary>
    public Dictionary<string, string> Tags { get; set; } = [];

    /// <summary>Retries of throttled (and, except for RunJobFlow, failed 5xx) EMR calls.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubled each attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one EMR call attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> EffectivePrimaryInstanceTypes => PrimaryInstanceTypes.Count > 0 ? PrimaryInstanceTypes : DefaultPrimaryInstanceTypes;

    public IReadOnlyList<string> EffectiveCoreInstanceTypes => CoreInstanceTypes.Count > 0 ? CoreInstanceTypes : DefaultCoreInstanceTypes;

    /// <summary>The endpoint to call: <see cref="ServiceUrl"/> or the region's public endpoint.</summary>
    public Uri Endpoint(string region) => !string.IsNullOrWhiteSpace(ServiceUrl)
        ? new Uri(ServiceUrl)
        : new Uri($"https://elasticmapreduce.{region}.amazonaws.com/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!LogUri.StartsWith("s3://", StringComparison.Ordinal) || LogUri.Length <= "s3://".Length)
        {
            yield return new ValidationResult($"LogUri '{LogUri}' must be an s3://bucket/prefix/ URI.", [nameof(LogUri)]);
        }

        if (!string.IsNullOrWhiteSpace(ServiceUrl) &&
            (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"ServiceUrl '{ServiceUrl}' is not an http(s) URL.", [nameof(ServiceUrl)]);
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            yield return new ValidationResult("Region is empty and the AWS default chain (AWS_REGION, AWS_DEFAULT_REGION, profile) names none.", [nameof(Region)]);
        }
        else if (!RegionPattern().IsMatch(Region))
        {
            yield return new ValidationResult($"Region '{Region}' is not an AWS region name (e.g. eu-west-1).", [nameof(Region)]);
        }

        if (!SpotAllocationStrategies.Contains(SpotAllocationStrategy))
        {
            yield return new ValidationResult(
                $"SpotAllocationStrategy '{SpotAllocationStrategy}' is not one of {string.Join(", ", SpotAllocationStrategies)}.", [nameof(SpotAllocationStrategy)]);
        }

        foreach (var (name, types) in new[] { (nameof(PrimaryInstanceTypes), PrimaryInstanceTypes), (nameof(CoreInstanceTypes), CoreInstanceTypes) })
        {
            foreach (var type in types.Where(t => !InstanceTypePattern().IsMatch(t ?? string.Empty)))
            {
                yield return new ValidationResult($"{name} has '{type}', which is not an EC2 instance type (e.g. m5.xlarge).", [name]);
            }
        }

        foreach (var subnet in SubnetIds.Where(s => !s.StartsWith("subnet-", StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"SubnetIds has '{subnet}', which is not a subnet id (subnet-…).", [nameof(SubnetIds)]);
        }

        foreach (var key in Tags.Keys.Where(k => k.Length is 0 or > 128 || k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult($"Tags has the key '{key}': tag keys are 1-128 characters and may not start with 'aws:'.", [nameof(Tags)]);
        }
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-\\d$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$")]
    private static partial Regex InstanceTypePattern();
}
