using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrendingTv.Activities;
using Serilog;
using TrendingTv.Activities.Engines;
using TrendingTv.Cli.Application;
using TrendingTv.Cli.Reports;
using TrendingTv.Cli.Serve;
using TrendingTv.Dags.Hosting;
using TrendingTv.Dags.Triggers;
using TrendingTv.DataLake;

namespace TrendingTv.Cli.Configuration;

/// <summary>
/// Builds a command's service host: configuration from <c>appsettings.json</c> (optional), environment
/// variables (<c>Lake__Root</c>, <c>Engine__Kind</c>, <c>Dags__PollInterval</c>, <c>Trending__MinimumCount</c> …)
/// and command-line overrides; the lake, the report's options and, for the pipeline commands, the
/// ETL engine and activities (<c>AddEtlActivities</c>) and the DAG options (<c>AddDags</c>). Every
/// options class is validated at start, so a bad setting fails with its name before any work.
/// With a local-job journal (the durable commands), the local engine records its jobs there, so that
/// runs a crash interrupted are resumed by the next process (<see cref="JournaledLocalEngine"/>).
/// </summary>
public static class CliHost
{
    public static async Task<IHost> StartAsync(
        IReadOnlyDictionary<string, string?> overrides,
        bool withPipeline,
        IReadOnlyDictionary<string, string?>? defaults = null,
        CancellationToken cancellationToken = default,
        string? localJobJournal = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "trendingtv" });
        AddConfiguration(builder, overrides, defaults, withPipeline);
        // Signals are the command line's to handle (it cancels the command's token); the default console
        // lifetime would swallow SIGTERM and stop only this host, leaving the command running.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        ConfigureLogging(builder.Logging);
        builder.Services.AddDataLake();
        builder.Services.AddOptions<TrendingOptions>().BindConfiguration(TrendingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (withPipeline)
        {
            AddPipeline(builder.Services, localJobJournal);
        }

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static void AddConfiguration(
        HostApplicationBuilder builder, IReadOnlyDictionary<string, string?> overrides, IReadOnlyDictionary<string, string?>? defaults, bool withPipeline)
    {
        if (defaults is not null)
        {
            // Lowest precedence: inserted before the JSON files and environment variables.
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        if (withPipeline && builder.Configuration["Dags:PollInterval"] is null
            && !string.Equals(builder.Configuration["Engine:Kind"]?.Trim(), EngineKind.Emr, StringComparison.OrdinalIgnoreCase))
        {
            // A local DuckDB job takes seconds; the DAG's production poll interval (1 minute, sized for EMR)
            // would make every local run last a minute. An explicit Dags:PollInterval still wins.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Dags:PollInterval"] = "00:00:01" });
        }
    }

    /// <summary>Warnings on stderr (stdout carries reports and query results); everything from Information on in the log file.</summary>
    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
        logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Microsoft", LogLevel.None);
        logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Grpc", LogLevel.None);
        logging.AddSerilog(CliLog.CreateLogger(), dispose: true);
    }

    /// <summary>The ETL engine and activities, the DAG triggers and the durable backend.</summary>
    private static void AddPipeline(IServiceCollection services, string? localJobJournal)
    {
        if (localJobJournal is not null)
        {
            // Registered before AddEtlActivities, whose TryAdd leaves this engine in place.
            services.AddSingleton(_ => LocalJobJournal.Open(localJobJournal));
            services.AddSingleton<JournaledLocalEngine>();
            services.AddSingleton<IEtlEngine>(sp =>
                sp.GetRequiredService<IOptions<EngineOptions>>().Value.NormalizedKind == EngineKind.Emr
                    ? sp.GetRequiredService<EmrEngine>()
                    : sp.GetRequiredService<JournaledLocalEngine>());
            services.AddHostedService<LostLocalJobsResumer>();
        }

        services.AddEtlActivities();
        services.AddDagTriggers();
        services.AddDurableBackend();
    }

    /// <summary>One setting as the hosts see it (appsettings.json, then environment variables), before any host is built.</summary>
    public static string? Setting(string key) =>
        new ConfigurationBuilder()
            .SetBasePath(Environment.CurrentDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build()[key];

    /// <summary>The overrides for a <c>--lake</c> option (none when it is not given).</summary>
    public static Dictionary<string, string?> LakeOverride(string? lake) =>
        string.IsNullOrWhiteSpace(lake) ? [] : new() { ["Lake:Root"] = lake };
}
