using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.Cli.Configuration;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Options;

namespace TrendingTv.Cli.Serve;

/// <summary>
/// <c>trendingtv serve</c> from start to stop: takes the state folder, starts the pipeline's services (lake,
/// engine with its job journal, DAG options), the durable backend (a local Azurite unless a storage connection
/// string is configured), the DAG host and the web application; runs until the token is cancelled, then stops
/// them in reverse order. The runs in flight stay in the backend; the next start continues them.
/// </summary>
public static partial class ServeHost
{
    /// <summary>serve's defaults, under every other source of settings.</summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [$"{DurableBackendOptions.SectionName}:{nameof(DurableBackendOptions.Backend)}"] = nameof(DurableBackend.AzureStorage),
        ["Logging:LogLevel:TrendingTv"] = "Information",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
    };

    public static async Task RunAsync(string? lake, string? statePath, string? urls, CancellationToken cancellationToken)
    {
        using var state = StateFolder.Lock(statePath ?? CliHost.Setting("StateDirectory") ?? StateFolder.DefaultPath);
        var overrides = CliHost.LakeOverride(lake);
        if (!string.IsNullOrWhiteSpace(urls))
        {
            overrides[$"{ServeOptions.SectionName}:{nameof(ServeOptions.Urls)}"] = urls;
        }

        using var pipeline = await CliHost.StartAsync(overrides, withPipeline: true, Defaults, cancellationToken, state.LocalJobJournal);
        var services = pipeline.Services;
        var options = BindServeOptions(services.GetRequiredService<IConfiguration>());
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("TrendingTv.Serve");
        await using var session = await DurableSession.StartAsync(services.GetRequiredService<IOptions<DurableBackendOptions>>().Value, state, cancellationToken);
        await using var dags = await EmbeddedDagHost.StartAsync(
            services, services.GetRequiredService<IOptions<DagOptions>>().Value, session.Backend, services.GetRequiredService<ILoggerFactory>(), cancellationToken);
        var key = ServeApiKey.Resolve(options.ApiKey, state.ApiKeyFile);
        await using var app = ServeApplication.Build(options, key, dags, services, session.Description);
        await app.StartAsync(cancellationToken);
        LogStarted(logger, options.Urls, session.Description, key.File ?? "the setting Serve:ApiKey");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            LogStopping(logger);
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static ServeOptions BindServeOptions(IConfiguration configuration)
    {
        var options = new ServeOptions();
        configuration.GetSection(ServeOptions.SectionName).Bind(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(
                ServeOptions.SectionName,
                typeof(ServeOptions),
                results.Select(r => $"{ServeOptions.SectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        return options;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving on {Urls}; DAG state in {Backend}; API key from {KeySource}")]
    private static partial void LogStarted(ILogger logger, string urls, string backend, string keySource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping; runs in flight stay in the backend and go on at the next start")]
    private static partial void LogStopping(ILogger logger);
}
