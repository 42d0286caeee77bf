using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using TrendingTv.Activities.Dag;
using TrendingTv.Activities.Emr;
using TrendingTv.Activities.Engines;
using TrendingTv.Activities.Publishing;
using TrendingTv.Activities.Signing;
using TrendingTv.Activities.Validation;
using TrendingTv.DataLake.Rebuild;
using TrendingTv.DataLake.Storage;
using TrendingTv.SparkJobs;
using TrendingTv.SparkJobs.Staging;

namespace TrendingTv.Activities;

/// <summary>
/// Registers the DAG's activities, the processed-data validator, the output publisher and the ETL engine named by the
/// <c>Engine</c> section (<c>Kind</c> = <c>local</c> or <c>emr</c>, validated at start). Needs the lake
/// (<c>AddDataLake()</c>) from the host. For <c>emr</c>, AWS credentials come from AWSSDK.Core's
/// default chain unless the host registered an <see cref="AWSCredentials"/> first.
/// </summary>
public static class ActivitiesServiceCollectionExtensions
{
    /// <summary>The SigV4 service name of EMR.</summary>
    public const string EmrSigningService = "elasticmapreduce";

    public static IServiceCollection AddEtlActivities(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<EngineOptions>()
            .BindConfiguration(EngineOptions.SectionName)
            .PostConfigure(options =>
            {
                // Only an EMR engine needs a region; the chain may probe instance metadata, so ask it only then.
                if (options.NormalizedKind == EngineKind.Emr && string.IsNullOrWhiteSpace(options.Emr.Region))
                {
                    options.Emr.Region = FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LocalEtlOptions>()
            .BindConfiguration($"{EngineOptions.SectionName}:{nameof(EngineOptions.Local)}")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProcessedDataValidator, ProcessedDataValidator>();
        services.TryAddSingleton<StagedOutputPublisher>();
        services.TryAddSingleton<IOutputPublisher, LakeOutputPublisher>();

        // local: one engine per process, since it holds the state of its background jobs.
        services.TryAddSingleton(sp => new LocalEtlRunner(
            sp.GetRequiredService<IObjectStore>(),
            sp.GetRequiredService<ILogger<LocalEtlRunner>>(),
            sp.GetRequiredService<IOptions<LocalEtlOptions>>().Value));
        services.TryAddSingleton(sp => new LocalEngine(
            sp.GetRequiredService<LocalEtlRunner>(),
            sp.GetRequiredService<IOptions<EngineOptions>>(),
            sp.GetRequiredService<ILogger<LocalEngine>>()));

        AddEmrEngine(services);

        // A singleton: a transient factory would let each activity scope dispose the shared LocalEngine.
        services.TryAddSingleton<IEtlEngine>(sp =>
            sp.GetRequiredService<IOptions<EngineOptions>>().Value.NormalizedKind == EngineKind.Emr
                ? sp.GetRequiredService<EmrEngine>()
                : sp.GetRequiredService<LocalEngine>());

        services.AddCanonicalRebuild();
        services.TryAddTransient<CheckRawDataActivity>();
        services.TryAddTransient<FindStaleCanonicalHoursActivity>();
        services.TryAddTransient<RebuildCanonicalHourActivity>();
        services.TryAddTransient<SubmitJobActivity>();
        services.TryAddTransient<GetJobStatusActivity>();
        services.TryAddTransient<TerminateJobActivity>();
        services.TryAddTransient<CheckProcessedDataActivity>();
        services.TryAddTransient<PublishOutputsActivity>();
        return services;
    }

    /// <summary>The <c>emr</c> engine: stateless; a typed HttpClient with retries outside and SigV4 signing inside (each attempt signed afresh).</summary>
    private static void AddEmrEngine(IServiceCollection services)
    {
        services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials(null));
        var emrHttp = services.AddHttpClient<EmrClient>((sp, http) =>
            {
                var emr = sp.GetRequiredService<IOptions<EngineOptions>>().Value.Emr;
                http.BaseAddress = emr.Endpoint(emr.Region!);
                // Each attempt has its own timeout (AttemptTimeout); the whole call ends with the caller's token.
                http.Timeout = Timeout.InfiniteTimeSpan;
            });
        emrHttp.AddResilienceHandler("emr", ConfigureEmrRetries);
        emrHttp.AddHttpMessageHandler(sp =>
            {
                var emr = sp.GetRequiredService<IOptions<EngineOptions>>().Value.Emr;
                return new SigV4SigningHandler(
                    new SigV4Signer(emr.Region!, EmrSigningService),
                    sp.GetRequiredService<AWSCredentials>(),
                    sp.GetRequiredService<TimeProvider>());
            });
        services.TryAddTransient<EmrEngine>();
    }

    /// <summary>Retries throttling (HTTP 429, <c>ThrottlingException</c>) and, for calls that allow it, 5xx and broken connections, with exponential backoff and jitter.</summary>
    private static void ConfigureEmrRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var emr = context.ServiceProvider.GetRequiredService<IOptions<EngineOptions>>().Value.Emr;
        if (emr.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = emr.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = emr.RetryBaseDelay,
                ShouldHandle = async args => args.Outcome switch
                {
                    { Result: { } response } => await EmrClient.IsTransientAsync(response, args.Context.CancellationToken),
                    { Exception: HttpRequestException or TimeoutRejectedException } =>
                        args.Context.GetRequestMessage() is not { } request
                        || !request.Options.TryGetValue(EmrClient.RetryServerErrorsOption, out var allowed)
                        || allowed,
                    _ => false,
                },
            });
        }

        builder.AddTimeout(emr.AttemptTimeout);
    }
}
